// filters.data: a gjson path, an optional template, and a typed comparison against a list of
// values (Argo's filterData, quirks included):
// - number: the event value is read as gjson's Float() ("42" is 42, "abc" is 0, true is 1);
// - bool: gjson's Bool() ("t", "1", "TRUE" are true; other strings false; numbers != 0);
// - string: every value is an RE2 regex matched anywhere in gjson's String() (an object or
//   array is its JSON text); `!=` passes when ANY value does not match;
// - `>`, `<` and the like never match strings; the first value that cannot be parsed, when
//   reached, is an error;
// - a template sees the path's String() as .Input, and its output is compared instead.
import type { DataFilter, LogicalOperator } from '../../vocabulary/manifest-types.js';
import { getPath } from '../../lang/paths/index.js';
import { compileGoTemplate, type CompiledGoTemplate } from '../../lang/gotemplate/index.js';
import { compileGoRegexp, type GoRegexp } from '../../lang/goregexp/index.js';
import { goParseBool } from '../../lang/go/parse-bool.js';
import { parseGoFloat } from '../../lang/go/parse-number.js';
import type { EventView } from '../cloudevent.js';
import { templateOutputAsArgoReadsIt } from './template-output.js';
import { errored, fail, messageOf, PASS, quoted, type FilterVerdict } from './verdict.js';

/** A filter value ready to compare, or why it cannot be used. */
type Operand<T> = { ok: true; value: T } | { ok: false; error: string };

/** What one data filter needs at event time, built once per filter object. */
interface Prepared {
  where: string;
  template?: { ok: true; value: CompiledGoTemplate } | { ok: false; error: string };
  operands: Operand<unknown>[];
}

const prepared = new WeakMap<DataFilter, Prepared>();

function operandsFor(f: DataFilter, values: readonly string[]): Operand<unknown>[] {
  switch (f.type) {
    case 'bool':
      return values.map((v) => {
        const b = goParseBool(v);
        return b === undefined
          ? { ok: false, error: `value ${quoted(v)} is not a bool (use true/false, t/f, 1/0)` }
          : { ok: true, value: b };
      });
    case 'number':
      return values.map((v) => {
        const r = parseGoFloat(v);
        if (r.ok) return { ok: true, value: r.value };
        const why = r.range ? 'is out of range' : 'is not a number';
        return { ok: false, error: `value ${quoted(v)} ${why}` };
      });
    case 'string':
      return values.map((v) => {
        try {
          return { ok: true, value: compileGoRegexp(v) };
        } catch (e) {
          return { ok: false, error: `value ${quoted(v)} is not a valid regexp: ${messageOf(e)}` };
        }
      });
    default:
      return [];
  }
}

function prepare(f: DataFilter, index: number): Prepared {
  let p = prepared.get(f);
  if (p) return p;
  p = {
    where: `data filter [${index}] path ${quoted(f.path)}`,
    operands: operandsFor(f, Array.isArray(f.value) ? f.value : []),
  };
  if (f.template) {
    try {
      p.template = { ok: true, value: compileGoTemplate(f.template) };
    } catch (e) {
      p.template = { ok: false, error: `template ${quoted(f.template)}: ${messageOf(e)}` };
    }
  }
  prepared.set(f, p);
  return p;
}

/** Outcome of one filter: matched, did not match (why), or could not be evaluated (error). */
interface One {
  pass: boolean;
  reason: string;
  error: boolean;
}

const MATCHED: One = { pass: true, reason: '', error: false };

function failed(p: Prepared, why: string): One {
  return { pass: false, reason: `${p.where}: ${why}`, error: false };
}

function erred(p: Prepared, why: string): One {
  return { pass: false, reason: `${p.where}: ${why}`, error: true };
}

function compareNumbers(a: number, op: string, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '!=':
      return a !== b;
    case '=':
    case '':
      return a === b;
    default:
      return false;
  }
}

function evaluateOne(f: DataFilter, index: number, view: EventView, now: number): One {
  const p = prepare(f, index);
  let found;
  try {
    found = getPath(view.data, f.path);
  } catch (e) {
    return erred(p, `invalid path: ${messageOf(e)}`);
  }
  if (!found.exists) return erred(p, 'does not exist in the event data');
  if (!Array.isArray(f.value) || f.value.length === 0) return erred(p, 'no values specified');
  // With a template, its output (as Argo re-reads it) is compared instead of the path's value.
  let text: string | undefined;
  if (p.template) {
    if (!p.template.ok) return erred(p, p.template.error);
    let out: string;
    try {
      out = p.template.value.render({ Input: found.str }, { now });
    } catch (e) {
      return erred(p, `template ${quoted(f.template)}: ${messageOf(e)}`);
    }
    if (out === '' || out === '<no value>') {
      return erred(p, `template ${quoted(f.template)} evaluated to empty string or no value`);
    }
    text = templateOutputAsArgoReadsIt(out);
  }
  const comparator = f.comparator ?? '';
  const values = f.value;
  switch (f.type) {
    case 'bool': {
      const actual = text === undefined ? found.bool : (goParseBool(text.toLowerCase()) ?? false);
      for (const op of p.operands) {
        if (!op.ok) return erred(p, op.error);
        if (op.value === actual) return MATCHED;
      }
      return failed(
        p,
        `bool ${actual} (from ${quoted(text ?? found.str)}) is none of ${JSON.stringify(values)}`,
      );
    }
    case 'number': {
      const actual = text === undefined ? found.num : parseGoFloat(text).value;
      for (const op of p.operands) {
        if (!op.ok) return erred(p, op.error);
        if (compareNumbers(actual, comparator, op.value as number)) return MATCHED;
      }
      const cmp = comparator === '' ? '=' : comparator;
      return failed(
        p,
        `number ${actual} (from ${quoted(text ?? found.str)}) is not ${cmp} any of ${JSON.stringify(values)}`,
      );
    }
    case 'string': {
      const actual = text ?? found.str;
      for (const op of p.operands) {
        if (!op.ok) return erred(p, op.error);
        const matched = (op.value as GoRegexp).test(actual);
        if (comparator === '' || comparator === '=') {
          if (matched) return MATCHED;
        } else if (comparator === '!=') {
          if (!matched) return MATCHED;
        }
      }
      if (comparator === '!=')
        return failed(
          p,
          `${quoted(actual)} matches every one of ${JSON.stringify(values)} (comparator "!=")`,
        );
      if (comparator === '' || comparator === '=')
        return failed(p, `${quoted(actual)} matches none of ${JSON.stringify(values)}`);
      return failed(
        p,
        `comparator ${JSON.stringify(comparator)} never matches a string (only "=" and "!=" do)`,
      );
    }
    default:
      return erred(p, `unsupported type ${JSON.stringify(f.type ?? '')} (use string, number or bool)`);
  }
}

export function filterData(
  filters: DataFilter[] | undefined,
  operator: LogicalOperator | undefined,
  view: EventView,
  now: number,
): FilterVerdict {
  if (!filters || filters.length === 0) return PASS;
  if (view.data === undefined) return PASS;
  if (!view.dataIsJson) return errored('data filter error: the event data is not valid JSON');
  if (operator !== 'or') {
    for (let i = 0; i < filters.length; i++) {
      const r = evaluateOne(filters[i]!, i, view, now);
      if (!r.pass) return r.error ? errored(r.reason) : fail(r.reason);
    }
    return PASS;
  }
  // dataLogicalOperator "or": the first match wins, even after errors; otherwise any error
  // makes the whole list an error, as in Argo.
  const reasons: string[] = [];
  let anyError = false;
  for (let i = 0; i < filters.length; i++) {
    const r = evaluateOne(filters[i]!, i, view, now);
    if (r.pass) return PASS;
    anyError ||= r.error;
    reasons.push(r.reason);
  }
  const summary = `no data filter matched (dataLogicalOperator: or): ${reasons.join('; ')}`;
  return anyError ? errored(summary) : fail(summary);
}
