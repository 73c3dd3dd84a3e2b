// All filters of one dependency combined with filtersLogicalOperator (Argo's filterEvent).
import type { EventDependency } from '../../manifest/types.js';
import type { EventView } from '../cloudevent.js';
import { filterContext } from './context-filter.js';
import { filterData } from './data-filter.js';
import { filterExprs } from './expr-filter.js';
import { filterScript } from './script-filter.js';
import { filterTime } from './time-filter.js';
import { PASS, type FilterVerdict } from './verdict.js';

export function evaluateFilters(dep: EventDependency, view: EventView, now: number): FilterVerdict {
  const f = dep.filters;
  if (!f) return PASS;
  const or = dep.filtersLogicalOperator === 'or';
  let scriptVerdict: FilterVerdict | undefined;
  const script = (): FilterVerdict => (scriptVerdict ??= filterScript(f.script, view));
  const kinds: [present: boolean, run: () => FilterVerdict][] = [
    [f.exprs !== undefined && f.exprs !== null, () => filterExprs(f.exprs, f.exprLogicalOperator, view)],
    [f.data !== undefined && f.data !== null, () => filterData(f.data, f.dataLogicalOperator, view, now)],
    [f.context !== undefined && f.context !== null, () => filterContext(f.context, view)],
    [f.time !== undefined && f.time !== null, () => filterTime(f.time, view)],
    [!!f.script, script],
  ];
  if (!or) {
    for (const [present, run] of kinds) {
      if (!present) continue;
      const v = run();
      if (!v.pass) return v;
    }
    return PASS;
  }
  // OR: any present kind that passes lets the event through, except that a script error
  // rejects the event outright, as it does in Argo.
  if (f.script && script().error !== undefined) return script();
  const reasons: string[] = [];
  let anyPresent = false;
  for (const [present, run] of kinds) {
    if (!present) continue;
    anyPresent = true;
    const v = run();
    if (v.pass) return PASS;
    reasons.push(v.reason ?? 'did not pass');
  }
  if (!anyPresent) return { pass: false, reason: 'filtersLogicalOperator is "or" but no filter is set' };
  return { pass: false, reason: reasons.join(' / ') };
}
