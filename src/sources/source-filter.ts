// The EventSource-level `filter.expression` (expr-lang over the event payload, as Argo's
// filterEvent): validated at apply time, applied before an event reaches any Sensor, by the
// ingress for push sources and by the EventSource workflow for the others. Pure.
import { compileExprLang, evalArgoEventSourceFilter } from '../lang/exprlang/index.js';
import type { PathSegment } from '../vocabulary/field-path.js';
import type { Problems } from '../vocabulary/problems.js';
import { objectAt, stringAt, type Obj } from '../vocabulary/shape-checks.js';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function checkSourceFilter(p: Problems, raw: unknown, path: PathSegment[]): void {
  const f = objectAt(p, raw, path, false);
  if (!f) return;
  const expr = stringAt(p, f.expression, [...path, 'expression'], false);
  if (expr === undefined) return;
  try {
    compileExprLang(expr);
  } catch (e) {
    p.add([...path, 'expression'], `invalid expression: ${message(e)}`);
  }
}

/** The config's filter.expression, if it has one. */
export function filterExpressionOf(cfg: Obj): string | undefined {
  const f = cfg.filter as { expression?: unknown } | undefined;
  return typeof f?.expression === 'string' && f.expression !== '' ? f.expression : undefined;
}

/**
 * Whether an event passes its EventSource's filter. As in Argo, an expression that fails to
 * evaluate drops the event; `reason` says why, for the log.
 */
export function sourceFilterVerdict(
  expression: string | undefined,
  payload: object,
): { pass: boolean; reason?: string } {
  if (expression === undefined) return { pass: true };
  try {
    const pass = evalArgoEventSourceFilter(expression, payload as Record<string, unknown>);
    return pass ? { pass } : { pass, reason: `filter ${JSON.stringify(expression)} is false` };
  } catch (e) {
    return { pass: false, reason: `filter ${JSON.stringify(expression)} failed: ${message(e)}` };
  }
}
