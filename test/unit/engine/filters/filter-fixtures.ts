// Builders for filter, transform and parameter tests: an event view from JSON text (as Argo
// receives bytes) or from a value, and a dependency around a filter block.
import assert from 'node:assert/strict';
import { toEventView, type CloudEvent, type EventView } from '../../../../src/engine/cloudevent.js';
import { evaluateFilters } from '../../../../src/engine/filters/evaluate-filters.js';
import type { FilterVerdict } from '../../../../src/engine/filters/verdict.js';
import type { EventDependency, ExprFilter } from '../../../../src/vocabulary/manifest-types.js';

export const NOW = Date.UTC(2024, 6, 15, 10, 0, 0);

export interface ViewOptions {
  time?: string;
  type?: string;
  source?: string;
  subject?: string;
  id?: string;
  datacontenttype?: string;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** The view of an event whose data is `text` exactly as sent (JSON or not); no text, no data. */
export function viewOfText(text: string | undefined, o: ViewOptions = {}): EventView {
  const ce: CloudEvent = {
    specversion: '1.0',
    id: o.id ?? 'ev-1',
    source: o.source ?? 'webhook',
    subject: o.subject ?? 'example',
    type: o.type ?? 'webhook',
    time: o.time ?? '2024-07-15T10:00:00Z',
  };
  if (o.datacontenttype !== undefined) ce.datacontenttype = o.datacontenttype;
  if (text !== undefined) ce.data_base64 = base64(text);
  return toEventView(ce, NOW);
}

/** The view of an event carrying `data` as a parsed JSON value. */
export function viewOf(data: unknown, o: ViewOptions = {}): EventView {
  return viewOfText(JSON.stringify(data), o);
}

export function depWith(
  filters: EventDependency['filters'],
  filtersLogicalOperator?: EventDependency['filtersLogicalOperator'],
): EventDependency {
  const d: EventDependency = { name: 'dep', eventSourceName: 'webhook', eventName: 'example', filters };
  if (filtersLogicalOperator !== undefined) d.filtersLogicalOperator = filtersLogicalOperator;
  return d;
}

/** evaluateFilters on a dependency with these filters. */
export function verdict(
  filters: EventDependency['filters'],
  view: EventView,
  filtersLogicalOperator?: EventDependency['filtersLogicalOperator'],
): FilterVerdict {
  return evaluateFilters(depWith(filters, filtersLogicalOperator), view, NOW);
}

export type Outcome = 'pass' | 'fail' | 'error';

/** Asserts a verdict passed, failed or errored as `want` says; a rejection must carry a reason. */
export function assertOutcome(v: FilterVerdict, want: Outcome): void {
  const got: Outcome = v.pass ? 'pass' : v.error !== undefined ? 'error' : 'fail';
  assert.equal(got, want, JSON.stringify(v));
  if (want !== 'pass') assert.ok(v.reason, 'a rejection carries a reason');
}

/** An expr filter whose fields map names to paths. */
export function exprOf(expr: string, fields: Record<string, string>): ExprFilter {
  return { expr, fields: Object.entries(fields).map(([name, path]) => ({ name, path })) };
}
