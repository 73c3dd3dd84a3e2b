// Arithmetic with jq's (gojq's) type rules: `+` merges objects and concatenates arrays,
// `-` removes array elements, `*` deep-merges objects and repeats strings, `/` splits strings,
// `%` truncates both sides to integers. Error messages follow gojq so `catch` sees the same text.

import { toInt } from './access.js';
import { typePreview, preview } from './encode.js';
import { MAX_NESTING, nestingError } from './errors.js';
import { fail } from './runtime.js';
import type { BinOp } from './ast.js';
import { compareValues, copyObject, getKey, isObject, setKey, valuesEqual, type JqObject } from './values.js';

/** Longest string `*` may build; gojq's limit is 2^31 bytes, far beyond what a workflow should hold. */
const MAX_REPEAT_LENGTH = 1 << 24;

function binopError(name: string, l: unknown, r: unknown): never {
  fail(`cannot ${name}: ${typePreview(l)} and ${typePreview(r)}`);
}

export function add(l: unknown, r: unknown): unknown {
  if (typeof l === 'number' && typeof r === 'number') return l + r;
  if (l === null) return r;
  if (r === null) return l;
  if (typeof l === 'string' && typeof r === 'string') return l + r;
  if (Array.isArray(l) && Array.isArray(r)) {
    if (l.length === 0) return r;
    if (r.length === 0) return l;
    return l.concat(r);
  }
  if (isObject(l) && isObject(r)) {
    const lk = Object.keys(l);
    if (lk.length === 0) return r;
    const rk = Object.keys(r);
    if (rk.length === 0) return l;
    const out = copyObject(l);
    for (const k of rk) setKey(out, k, r[k]);
    return out;
  }
  return binopError('add', l, r);
}

function subtract(l: unknown, r: unknown): unknown {
  if (typeof l === 'number' && typeof r === 'number') return l - r;
  if (Array.isArray(l) && Array.isArray(r)) {
    return l.filter((x) => !r.some((y) => valuesEqual(x, y)));
  }
  return binopError('subtract', l, r);
}

function deepMerge(l: JqObject, r: JqObject, depth = 0): JqObject {
  if (depth > MAX_NESTING) throw nestingError();
  const out = copyObject(l);
  for (const k of Object.keys(r)) {
    const lv = getKey(out, k);
    const rv = r[k];
    setKey(out, k, isObject(lv) && isObject(rv) ? deepMerge(lv, rv, depth + 1) : rv);
  }
  return out;
}

function repeatString(s: string, n: number): unknown {
  if (n < 0 || Number.isNaN(n)) return null;
  const count = Math.floor(Math.min(n, 2147483647));
  if (s.length * count > MAX_REPEAT_LENGTH)
    fail(`repeat string result too large: ${preview(s)} * ${preview(n)}`);
  return s.repeat(count);
}

function multiply(l: unknown, r: unknown): unknown {
  if (typeof l === 'number' && typeof r === 'number') return l * r;
  if (isObject(l) && isObject(r)) return deepMerge(l, r);
  if (typeof l === 'string' && typeof r === 'number') return repeatString(l, r);
  if (typeof l === 'number' && typeof r === 'string') return repeatString(r, l);
  return binopError('multiply', l, r);
}

function divide(l: unknown, r: unknown): unknown {
  if (typeof l === 'number' && typeof r === 'number') {
    if (r === 0) fail(`cannot divide ${typePreview(l)} by: ${typePreview(r)}`);
    return l / r;
  }
  if (typeof l === 'string' && typeof r === 'string') {
    if (l === '') return [];
    return r === '' ? Array.from(l) : l.split(r);
  }
  return binopError('divide', l, r);
}

function modulo(l: unknown, r: unknown): unknown {
  if (typeof l === 'number' && typeof r === 'number') {
    if (Number.isNaN(l) || Number.isNaN(r)) return NaN;
    const ri = toInt(r);
    if (ri === 0) fail(`cannot modulo ${typePreview(l)} by: ${typePreview(r)}`);
    const res = toInt(l) % ri;
    return res === 0 ? 0 : res; // never -0: gojq computes on integers
  }
  return binopError('modulo', l, r);
}

export function negate(v: unknown): unknown {
  if (typeof v === 'number') return -v;
  return fail(`cannot negate: ${typePreview(v)}`);
}

/** `a // b` as a binary function (used by `//=`). */
export function alternative(l: unknown, r: unknown): unknown {
  return l === null || l === false ? r : l;
}

/** The function behind a binary operator. */
export function binaryFunction(op: BinOp): (l: unknown, r: unknown) => unknown {
  switch (op) {
    case '+':
      return add;
    case '-':
      return subtract;
    case '*':
      return multiply;
    case '/':
      return divide;
    case '%':
      return modulo;
    case '==':
      return (l, r) => compareValues(l, r) === 0;
    case '!=':
      return (l, r) => compareValues(l, r) !== 0;
    case '<':
      return (l, r) => compareValues(l, r) < 0;
    case '<=':
      return (l, r) => compareValues(l, r) <= 0;
    case '>':
      return (l, r) => compareValues(l, r) > 0;
    case '>=':
      return (l, r) => compareValues(l, r) >= 0;
  }
}
