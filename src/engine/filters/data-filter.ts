// filters.data: gjson path, typed comparison against a list of values, optional template.
// Semantics follow Argo's filterData, quirks included (see README "Filters").
import type { DataFilter, LogicalOperator } from '../../manifest/types.js';
import { getPath } from '../../lang/paths/index.js';
import { compileGoTemplate } from '../../lang/gotemplate/index.js';
import { compileGoRegexp } from '../../lang/goregexp/index.js';
import { goParseBool, goParseFloat } from '../../lang/strconv/index.js';
import type { EventView } from '../cloudevent.js';
import { errored, fail, messageOf, PASS, type FilterVerdict } from './verdict.js';

interface Probe {
  str: string;
  num: number;
  bool: boolean;
}

function fromTemplateOutput(out: string): Probe {
  // Argo re-parses the output as a JSON string, so Float()/Bool() read the text.
  const num = goParseFloat(out.trim()) ?? 0;
  return { str: out, num, bool: goParseBool(out) ?? false };
}

type One = { pass: boolean; error?: string; reason?: string };

function evaluateOne(f: DataFilter, index: number, view: EventView, now: number): One {
  const where = `data filter [${index}] (path ${JSON.stringify(f.path)})`;
  const found = getPath(view.data, f.path);
  if (!found.exists) return { pass: false, error: `${where}: path '${f.path}' does not exist` };
  if (!f.value || f.value.length === 0) return { pass: false, error: `${where}: no values specified` };
  let probe: Probe = { str: found.str, num: found.num, bool: found.bool };
  if (f.template) {
    let out: string;
    try {
      out = compileGoTemplate(f.template).render({ Input: found.str }, { now });
    } catch (e) {
      return { pass: false, error: `${where}: template: ${messageOf(e)}` };
    }
    if (out === '' || out === '<no value>')
      return {
        pass: false,
        error: `${where}: template '${f.template}' evaluated to empty string or no value`,
      };
    probe = fromTemplateOutput(out);
  }
  const comparator = f.comparator ?? '';
  switch (f.type) {
    case 'bool': {
      for (const v of f.value) {
        const want = goParseBool(v);
        if (want === undefined)
          return { pass: false, error: `${where}: value ${JSON.stringify(v)} is not a bool` };
        if (want === probe.bool) return { pass: true };
      }
      return { pass: false, reason: `${where}: ${probe.bool} is none of ${JSON.stringify(f.value)}` };
    }
    case 'number': {
      for (const v of f.value) {
        const want = goParseFloat(v);
        if (want === undefined)
          return { pass: false, error: `${where}: value ${JSON.stringify(v)} is not a number` };
        if (compareNumbers(probe.num, comparator, want)) return { pass: true };
      }
      return {
        pass: false,
        reason: `${where}: ${probe.num} is not ${comparator || '='} any of ${JSON.stringify(f.value)}`,
      };
    }
    case 'string': {
      for (const v of f.value) {
        let re: RegExp;
        try {
          re = compileGoRegexp(v);
        } catch (e) {
          return { pass: false, error: `${where}: ${messageOf(e)}` };
        }
        re.lastIndex = 0;
        const match = re.test(probe.str);
        // Only = (or none) and != apply to strings; other comparators never match, as in Argo.
        if ((comparator === '' || comparator === '=') && match) return { pass: true };
        if (comparator === '!=' && !match) return { pass: true };
      }
      return {
        pass: false,
        reason: `${where}: ${JSON.stringify(truncate(probe.str))} ${comparator === '!=' ? 'matched every one' : 'matched none'} of ${JSON.stringify(f.value)}`,
      };
    }
    default:
      return { pass: false, error: `${where}: unsupported JSON type '${String(f.type)}'` };
  }
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

function truncate(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

export function filterData(
  filters: DataFilter[] | undefined,
  operator: LogicalOperator | undefined,
  view: EventView,
  now: number,
): FilterVerdict {
  if (!filters || filters.length === 0) return PASS;
  if (view.data === undefined) return PASS;
  if (!view.dataIsJson) return errored('data filter error (event data not valid JSON)');
  const or = operator === 'or';
  const errors: string[] = [];
  const reasons: string[] = [];
  for (let i = 0; i < filters.length; i++) {
    const r = evaluateOne(filters[i]!, i, view, now);
    if (r.error !== undefined) {
      if (!or) return errored(r.error);
      errors.push(r.error);
      continue;
    }
    if (r.pass && or) return PASS;
    if (!r.pass) {
      if (!or) return fail(r.reason ?? 'data filter did not match');
      reasons.push(r.reason ?? '');
    }
  }
  if (!or) return PASS;
  if (errors.length > 0) return errored(`data filter errors [${errors.join(' / ')}]`);
  return fail(reasons.join('; ') || 'no data filter matched');
}
