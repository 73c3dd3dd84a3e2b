// The verdict of every single filter of a dependency on one recorded event. The Sensor records
// one verdict per dependency (the first filter that failed, with its reason); to show each
// filter, the dashboard evaluates them one at a time with the engine's own pure filter code at
// the decision's time. The recorded verdict stays the authority: this is the breakdown.
import type { CloudEvent, EventView } from '../engine/cloudevent.js';
import { toEventView } from '../engine/cloudevent.js';
import { applyTransform } from '../engine/transform.js';
import { filterContext } from '../engine/filters/context-filter.js';
import { filterData } from '../engine/filters/data-filter.js';
import { filterExprs } from '../engine/filters/expr-filter.js';
import { filterScript } from '../engine/filters/script-filter.js';
import { filterTime } from '../engine/filters/time-filter.js';
import { messageOf, type FilterVerdict } from '../engine/filters/verdict.js';
import type { EventDependency } from '../vocabulary/manifest-types.js';

export interface FilterResult {
  /** which filter, as the manifest names it: filters.data[0] */
  filter: string;
  /** the filter itself, short */
  summary: string;
  pass: boolean;
  reason?: string;
}

function verdictOf(run: () => FilterVerdict): { pass: boolean; reason?: string } {
  try {
    const v = run();
    return v.pass ? { pass: true } : { pass: false, reason: v.reason ?? v.error ?? 'filtered out' };
  } catch (e) {
    return { pass: false, reason: `filter error: ${messageOf(e)}` };
  }
}

export function filterBreakdown(dep: EventDependency, event: CloudEvent, at: number): FilterResult[] {
  const out: FilterResult[] = [];
  let view: EventView;
  try {
    view = toEventView(event, at);
  } catch (e) {
    return [{ filter: 'event', summary: 'reading the event', pass: false, reason: messageOf(e) }];
  }
  if (dep.transform && (dep.transform.jq || dep.transform.script)) {
    const t = applyTransform(dep, view, at);
    out.push({
      filter: dep.transform.jq ? 'transform.jq' : 'transform.script',
      summary: String(dep.transform.jq ?? dep.transform.script),
      pass: t.ok,
      ...(t.ok ? {} : { reason: t.reason }),
    });
    if (!t.ok) return out;
    view = t.view;
  }
  const f = dep.filters;
  if (!f) return out;
  (f.exprs ?? []).forEach((x, i) =>
    out.push({
      filter: `filters.exprs[${i}]`,
      summary: x.expr,
      ...verdictOf(() => filterExprs([x], 'and', view)),
    }),
  );
  (f.data ?? []).forEach((x, i) =>
    out.push({
      filter: `filters.data[${i}]`,
      summary: `${x.path} ${x.comparator || '='} ${JSON.stringify(x.value)} (${x.type})`,
      ...verdictOf(() => filterData([x], 'and', view, at)),
    }),
  );
  if (f.context)
    out.push({
      filter: 'filters.context',
      summary: JSON.stringify(f.context),
      ...verdictOf(() => filterContext(f.context, view)),
    });
  if (f.time)
    out.push({
      filter: 'filters.time',
      summary: `${f.time.start} – ${f.time.stop}${f.time.timezone ? ` ${f.time.timezone}` : ''}`,
      ...verdictOf(() => filterTime(f.time, view)),
    });
  if (f.script)
    out.push({
      filter: 'filters.script',
      summary: f.script.length > 80 ? `${f.script.slice(0, 80)}…` : f.script,
      ...verdictOf(() => filterScript(f.script, view)),
    });
  return out;
}
