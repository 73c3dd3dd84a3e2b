// All filters of one dependency, combined as Argo's Filter/filterEvent do. The kinds run in
// Argo's order: exprs, data, context, time, script.
// - "and" (the default): every kind present must pass.
// - filtersLogicalOperator "or": one passing kind is enough, but any kind that errors (a missing
//   path, a bad value, an invalid regexp or time) discards the event, as Argo's Filter does
//   whatever else passed; a script error always discards it.
// Never throws: a user-supplied expression, regexp, template or script that fails becomes a
// rejected verdict, so one bad filter cannot wedge the Sensor.
import type { EventDependency } from '../../vocabulary/manifest-types.js';
import type { EventView } from '../cloudevent.js';
import { filterContext } from './context-filter.js';
import { filterData } from './data-filter.js';
import { filterExprs } from './expr-filter.js';
import { filterScript } from './script-filter.js';
import { filterTime } from './time-filter.js';
import { errored, fail, messageOf, PASS, type FilterVerdict } from './verdict.js';

type Filters = NonNullable<EventDependency['filters']>;

const present = (v: unknown): boolean => v !== undefined && v !== null;

function kindVerdict(kind: number, f: Filters, view: EventView, now: number): FilterVerdict | undefined {
  switch (kind) {
    case 0:
      return present(f.exprs) ? filterExprs(f.exprs, f.exprLogicalOperator, view) : undefined;
    case 1:
      return present(f.data) ? filterData(f.data, f.dataLogicalOperator, view, now) : undefined;
    case 2:
      return present(f.context) ? filterContext(f.context, view) : undefined;
    case 3:
      return present(f.time) ? filterTime(f.time, view) : undefined;
    default:
      return f.script ? filterScript(f.script, view) : undefined;
  }
}

const KINDS = 5;

function evaluateAnd(f: Filters, view: EventView, now: number): FilterVerdict {
  for (let k = 0; k < KINDS; k++) {
    const v = kindVerdict(k, f, view, now);
    if (v && !v.pass) return v;
  }
  return PASS;
}

function evaluateOr(f: Filters, view: EventView, now: number): FilterVerdict {
  const verdicts: FilterVerdict[] = [];
  let passed = false;
  for (let k = 0; k < KINDS; k++) {
    const v = kindVerdict(k, f, view, now);
    if (!v) continue;
    if (v.error !== undefined) {
      return errored(
        `${v.error} (with filtersLogicalOperator "or" a filter error discards the event even when ` +
          'another filter passes, as in Argo)',
      );
    }
    passed ||= v.pass;
    verdicts.push(v);
  }
  if (passed) return PASS;
  if (verdicts.length === 0) {
    return fail('filtersLogicalOperator is "or" but no filter is set: nothing can pass');
  }
  return fail(`no filter passed (filtersLogicalOperator: or): ${verdicts.map((v) => v.reason).join(' / ')}`);
}

export function evaluateFilters(dep: EventDependency, view: EventView, now: number): FilterVerdict {
  const f = dep.filters;
  if (!f) return PASS;
  try {
    return dep.filtersLogicalOperator === 'or' ? evaluateOr(f, view, now) : evaluateAnd(f, view, now);
  } catch (e) {
    // A defect rather than a user error, but still a verdict: the Sensor must keep going.
    return errored(`filter error: ${messageOf(e)}`);
  }
}
