// gjson's queryMatches: compares the value found by a query's path with the query's right-hand
// side. Strings compare as Go does (byte order of UTF-8), numbers numerically, booleans only by
// equality-like ops; objects, arrays and null never satisfy an operator.

import { MISSING, type Query } from './ast.js';
import { compareGoStrings } from '../go/compare-strings.js';
import { goParseBool } from '../go/parse-bool.js';
import { parseGoFloat } from '../go/parse-number.js';
import { compileWildcard, matchWildcard, type WildcardPattern } from './wildcard.js';

const patterns = new Map<string, WildcardPattern>();
function likePattern(value: string): WildcardPattern {
  let p = patterns.get(value);
  if (!p) {
    if (patterns.size >= 512) patterns.clear();
    p = compileWildcard(value);
    patterns.set(value, p);
  }
  return p;
}

function truthy(v: unknown): boolean {
  if (v === true) return true;
  if (typeof v === 'string') return goParseBool(v.toLowerCase()) === true;
  if (typeof v === 'number') return v !== 0;
  return false;
}

function falsy(v: unknown): boolean {
  if (v === MISSING || v === null || v === false) return true;
  if (typeof v === 'string') return goParseBool(v.toLowerCase()) === false;
  if (typeof v === 'number') return v === 0;
  return false;
}

/** `value` is what the query's path found (MISSING when nothing). */
export function queryMatches(q: Query, found: unknown): boolean {
  let value = found;
  let rhs = q.value;
  if (rhs.startsWith('~')) {
    // `~true`, `~false`, `~null`, `~*` turn the value into a boolean before comparing with true.
    let ish: boolean | undefined;
    switch (rhs.slice(1)) {
      case '*':
        ish = value !== MISSING;
        break;
      case 'null':
        ish = value === MISSING || value === null;
        break;
      case 'true':
        ish = truthy(value);
        break;
      case 'false':
        ish = falsy(value);
        break;
    }
    if (ish === undefined) return false;
    rhs = 'true';
    value = ish;
  }
  if (value === MISSING) return false;
  if (q.op === '') return true;
  switch (typeof value) {
    case 'string': {
      switch (q.op) {
        case '=':
          return value === rhs;
        case '!=':
          return value !== rhs;
        case '<':
          return compareGoStrings(value, rhs) < 0;
        case '<=':
          return compareGoStrings(value, rhs) <= 0;
        case '>':
          return compareGoStrings(value, rhs) > 0;
        case '>=':
          return compareGoStrings(value, rhs) >= 0;
        case '%':
          return matchWildcard(value, likePattern(rhs));
        case '!%':
          return !matchWildcard(value, likePattern(rhs));
        default:
          return false;
      }
    }
    case 'bigint':
      return compareNumbers(q.op, Number(value), rhs);
    case 'number':
      return compareNumbers(q.op, value, rhs);
    case 'boolean':
      return value ? trueMatches(q.op, rhs) : falseMatches(q.op, rhs);
    default:
      return false;
  }
}

function compareNumbers(op: Query['op'], value: number, rhs: string): boolean {
  const n = parseGoFloat(rhs).value;
  switch (op) {
    case '=':
      return value === n;
    case '!=':
      return value !== n;
    case '<':
      return value < n;
    case '<=':
      return value <= n;
    case '>':
      return value > n;
    case '>=':
      return value >= n;
    default:
      return false;
  }
}

function trueMatches(op: Query['op'], rhs: string): boolean {
  switch (op) {
    case '=':
      return rhs === 'true';
    case '!=':
      return rhs !== 'true';
    case '>':
      return rhs === 'false';
    case '>=':
      return true;
    default:
      return false;
  }
}

function falseMatches(op: Query['op'], rhs: string): boolean {
  switch (op) {
    case '=':
      return rhs === 'false';
    case '!=':
      return rhs !== 'false';
    case '<':
      return rhs === 'true';
    case '<=':
      return true;
    default:
      return false;
  }
}
