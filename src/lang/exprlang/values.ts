// expr's runtime over JS values. Go's int is a JS bigint (kept to int64), float64 is a number,
// nil is null/undefined, arrays are []interface{} and plain objects are map[string]interface{}.
// Keeping ints apart from floats matters: `%` and `..` take ints only, `7 / 2` is 3.5, and a
// JSON number (always float64) is a different value from an int inside arrays and maps.

import { compareGoStrings } from '../go/compare-strings.js';
import { goDeepEqual } from '../go/deep-equal.js';
import { formatGoValue } from '../go/format-value.js';
import { goPow } from '../go/math.js';
import { byteSlice, utf8ByteAt, utf8Length } from '../go/utf8.js';

/** Reports a runtime failure at the node being evaluated; never returns. */
export type Fail = (message: string) => never;

export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;
export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const MIN_INT64 = -(2n ** 63n);

export const wrapInt = (v: bigint): bigint => BigInt.asIntN(64, v);

/** %T of a value, for messages. */
export function goType(v: unknown): string {
  switch (typeof v) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func(...interface {}) interface {}';
    case 'object':
      if (v === null) return '<nil>';
      return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
    default:
      return '<nil>';
  }
}

function show(v: unknown): string {
  return formatGoValue(v);
}

/** int(f) for a float64 in Go: truncation; NaN and out-of-range values give math.MinInt64. */
export function floatToInt(f: number): bigint {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

export function toInt(v: unknown, fail: Fail): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return floatToInt(v);
  return fail(`invalid operation: int(${goType(v)})`);
}

function toFloat(v: unknown, fail: Fail): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return fail(`invalid operation: float(${goType(v)})`);
}

export function asBool(v: unknown, fail: Fail): boolean {
  if (typeof v === 'boolean') return v;
  return fail(`interface conversion: interface {} is ${isNil(v) ? 'nil' : goType(v)}, not bool`);
}

export function asString(v: unknown, fail: Fail): string {
  if (typeof v === 'string') return v;
  return fail(`interface conversion: interface {} is ${isNil(v) ? 'nil' : goType(v)}, not string`);
}

const isNumber = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/** runtime.Equal: numbers compare across int/float, otherwise reflect.DeepEqual. */
export function equal(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) {
    if (typeof a === typeof b) return a === b;
    return Number(a) === Number(b);
  }
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  return deepEqual(a, b);
}

/** reflect.DeepEqual: strict about types (int 1 and float64 1 differ inside containers). */
function deepEqual(a: unknown, b: unknown): boolean {
  return goDeepEqual(a, b);
}

/** Three-way comparison for < > <= >=: numbers (across int/float) or strings, else a Go panic. */
export function compare(a: unknown, b: unknown, op: string, fail: Fail): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (isNumber(a) && isNumber(b)) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareGoStrings(a, b);
  return fail(`invalid operation: ${goType(a)} ${op} ${goType(b)}`);
}

export function arithmetic(op: '+' | '-' | '*', a: unknown, b: unknown, fail: Fail): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    return wrapInt(op === '+' ? a + b : op === '-' ? a - b : a * b);
  }
  if (isNumber(a) && isNumber(b)) {
    const x = Number(a);
    const y = Number(b);
    return op === '+' ? x + y : op === '-' ? x - y : x * y;
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  return fail(`invalid operation: ${goType(a)} ${op} ${goType(b)}`);
}

export function divide(a: unknown, b: unknown, fail: Fail): number {
  if (isNumber(a) && isNumber(b)) return Number(a) / Number(b);
  return fail(`invalid operation: ${goType(a)} / ${goType(b)}`);
}

export function modulo(a: unknown, b: unknown, fail: Fail): bigint {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) return fail('integer divide by zero');
    return wrapInt(a % b);
  }
  return fail(`invalid operation: ${goType(a)} % ${goType(b)}`);
}

export function power(a: unknown, b: unknown, fail: Fail): number {
  return goPow(toFloat(a, fail), toFloat(b, fail));
}

export function negate(v: unknown, fail: Fail): unknown {
  if (typeof v === 'bigint') return wrapInt(-v);
  if (typeof v === 'number') return -v;
  return fail(`invalid operation: - ${goType(v)}`);
}

/** Reading `from[key]` / `from.key`, as runtime.Fetch does for maps, arrays and strings. */
export function fetch(from: unknown, key: unknown, fail: Fail): unknown {
  if (isNil(from)) return fail(`cannot fetch ${show(key)} from <nil>`);
  if (Array.isArray(from)) {
    let index = Number(toInt(key, fail));
    if (index < 0) index += from.length;
    if (index < 0 || index >= from.length) return fail('reflect: slice index out of range');
    return from[index];
  }
  if (typeof from === 'string') {
    let index = Number(toInt(key, fail));
    if (index < 0) index += utf8Length(from);
    const byte = index < 0 ? undefined : utf8ByteAt(from, index);
    // Indexing a Go string yields a byte (uint8).
    return byte === undefined ? fail('reflect: string index out of range') : BigInt(byte);
  }
  if (isMap(from)) {
    if (typeof key === 'string') return Object.hasOwn(from, key) ? (from[key] ?? null) : null;
    if (isNil(key)) return Object.hasOwn(from, '') ? (from[''] ?? null) : null;
    return fail(`reflect.Value.MapIndex: value of type ${goType(key)} is not assignable to type string`);
  }
  return fail(`cannot fetch ${show(key)} from ${goType(from)}`);
}

/** `array[from:to]`, clamped like runtime.Slice. */
export function slice(value: unknown, from: unknown, to: unknown, fail: Fail): unknown {
  const isString = typeof value === 'string';
  if (!Array.isArray(value) && !isString) return fail(`cannot slice ${show(from)}`);
  const length = isString ? utf8Length(value) : value.length;
  let a = Number(toInt(from, fail));
  let b = Number(toInt(to, fail));
  if (a < 0) a += length;
  if (a < 0) a = 0;
  if (b < 0) b += length;
  if (b < 0) b = 0;
  if (b > length) b = length;
  if (a > b) a = b;
  return isString ? byteSlice(value, a, b) : value.slice(a, b);
}

export function length(v: unknown, fail: Fail): bigint {
  if (Array.isArray(v)) return BigInt(v.length);
  if (typeof v === 'string') return BigInt(utf8Length(v));
  if (isMap(v)) return BigInt(Object.keys(v).length);
  return fail(`invalid argument for len (type ${goType(v)})`);
}

/** `needle in haystack` for arrays (element equality) and maps (key presence). */
export function inCollection(needle: unknown, haystack: unknown, fail: Fail): boolean {
  if (isNil(haystack)) return false;
  if (Array.isArray(haystack)) {
    for (const item of haystack) if (equal(item, needle)) return true;
    return false;
  }
  if (isMap(haystack)) {
    if (typeof needle === 'string') return Object.hasOwn(haystack, needle);
    if (isNil(needle)) return Object.hasOwn(haystack, '');
    return fail(`reflect.Value.MapIndex: value of type ${goType(needle)} is not assignable to type string`);
  }
  return fail(`operator "in" not defined on ${goType(haystack)}`);
}

/** Values handed out of the evaluator: Go ints become JS numbers. */
export function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const p = toPlain(v[i]);
      if (p !== v[i]) {
        out ??= v.slice();
        out[i] = p;
      }
    }
    return out ?? v;
  }
  if (isMap(v)) {
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(v)) {
      const p = toPlain(v[k]);
      if (p !== v[k]) {
        out ??= { ...v };
        out[k] = p;
      }
    }
    return out ?? v;
  }
  return v === undefined ? null : v;
}
