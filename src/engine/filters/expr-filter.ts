// filters.exprs: govaluate expressions over named gjson fields (Argo's filterExpr).
import type { ExprFilter, LogicalOperator } from '../../manifest/types.js';
import { getPath } from '../../lang/paths/index.js';
import { compileGovaluate } from '../../lang/govaluate/index.js';
import type { EventView } from '../cloudevent.js';
import { errored, fail, messageOf, PASS, type FilterVerdict } from './verdict.js';

export function filterExprs(
  filters: ExprFilter[] | undefined,
  operator: LogicalOperator | undefined,
  view: EventView,
): FilterVerdict {
  if (!filters) return PASS;
  if (view.data === undefined) return PASS;
  if (!view.dataIsJson) return errored('expr filter error (event data not valid JSON)');
  const or = operator === 'or';
  const errors: string[] = [];
  const reasons: string[] = [];
  outer: for (let i = 0; i < filters.length; i++) {
    const f = filters[i]!;
    const where = `expr filter [${i}] (${JSON.stringify(f.expr)})`;
    const params: Record<string, unknown> = {};
    let count = 0;
    for (const field of f.fields ?? []) {
      const r = getPath(view.data, field.path);
      if (!r.exists) {
        const msg = `${where}: path '${field.path}' does not exist`;
        if (!or) return errored(msg);
        errors.push(msg);
        continue outer;
      }
      params[field.name] = r.value;
      count++;
    }
    // Argo skips an expression that has no fields at all.
    if (count === 0) continue;
    let result: unknown;
    try {
      result = compileGovaluate(f.expr).evaluate(params);
    } catch (e) {
      const msg = `${where}: ${messageOf(e)}`;
      if (!or) return errored(msg);
      errors.push(msg);
      continue;
    }
    if (result === true) {
      if (or) return PASS;
    } else {
      const why = `${where} evaluated to ${JSON.stringify(result)} with ${JSON.stringify(params).slice(0, 300)}`;
      if (!or) return fail(why);
      reasons.push(why);
    }
  }
  if (!or) return PASS;
  if (errors.length > 0) return errored(`expr filter errors [${errors.join(' / ')}]`);
  return fail(reasons.join('; ') || 'no expr filter matched');
}
