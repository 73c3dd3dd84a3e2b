// filters.exprs: govaluate expressions over named gjson fields (Argo's filterExpr). A field
// whose path is missing is an error; an expression without fields is skipped; only the boolean
// true passes.
import type { ExprFilter, LogicalOperator } from '../../vocabulary/manifest-types.js';
import { getPath } from '../../lang/paths/index.js';
import { compileGovaluate } from '../../lang/govaluate/index.js';
import type { EventView } from '../cloudevent.js';
import { errored, fail, messageOf, PASS, quoted, type FilterVerdict } from './verdict.js';

type One = { pass: true } | { pass: false; reason: string; error: boolean };

const PASSED: One = { pass: true };

function describe(params: Record<string, unknown>): string {
  let text: string;
  try {
    text = JSON.stringify(params) ?? '';
  } catch {
    text = `{${Object.keys(params).join(', ')}}`;
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function evaluateOne(f: ExprFilter, index: number, data: unknown): One | undefined {
  const where = `expr filter [${index}] ${quoted(f.expr, 120)}`;
  const fields = Array.isArray(f.fields) ? f.fields : [];
  // Argo skips an expression that has no fields at all.
  if (fields.length === 0) return undefined;
  const params: Record<string, unknown> = {};
  for (const field of fields) {
    const what = `path ${quoted(field.path)} (field ${field.name})`;
    let r;
    try {
      r = getPath(data, field.path);
    } catch (e) {
      return { pass: false, reason: `${where}: ${what} is invalid: ${messageOf(e)}`, error: true };
    }
    if (!r.exists)
      return { pass: false, reason: `${where}: ${what} does not exist in the event data`, error: true };
    params[field.name] = r.value;
  }
  let result: unknown;
  try {
    result = compileGovaluate(f.expr).evaluate(params);
  } catch (e) {
    return { pass: false, reason: `${where}: ${messageOf(e)}`, error: true };
  }
  if (result === true) return PASSED;
  return {
    pass: false,
    reason: `${where} is ${JSON.stringify(result) ?? String(result)} with ${describe(params)}`,
    error: false,
  };
}

export function filterExprs(
  filters: ExprFilter[] | undefined,
  operator: LogicalOperator | undefined,
  view: EventView,
): FilterVerdict {
  if (!filters) return PASS;
  if (view.data === undefined) return PASS;
  if (!view.dataIsJson) return errored('expr filter error: the event data is not valid JSON');
  if (operator !== 'or') {
    for (let i = 0; i < filters.length; i++) {
      const r = evaluateOne(filters[i]!, i, view.data);
      if (r && !r.pass) return r.error ? errored(r.reason) : fail(r.reason);
    }
    return PASS;
  }
  // exprLogicalOperator "or": the first true expression wins, even after errors; otherwise any
  // error makes the list an error. Skipped expressions do not count as true.
  const reasons: string[] = [];
  let anyError = false;
  for (let i = 0; i < filters.length; i++) {
    const r = evaluateOne(filters[i]!, i, view.data);
    if (!r) continue;
    if (r.pass) return PASS;
    anyError ||= r.error;
    reasons.push(r.reason);
  }
  const summary =
    reasons.length === 0
      ? 'no expr filter passed (exprLogicalOperator: or; expressions without fields are skipped)'
      : `no expr filter passed (exprLogicalOperator: or): ${reasons.join('; ')}`;
  return anyError ? errored(summary) : fail(summary);
}
