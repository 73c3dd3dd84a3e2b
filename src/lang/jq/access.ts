// Reading values: `.[key]`, `.[from:to]` and getpath, with gojq's rules (null propagates,
// negative indices count from the end, float indices truncate, strings index by code point).

import { typePreview, preview } from './encode.js';
import { checkIntact, extendPath, fail, type Emit, type Path, type RunContext } from './runtime.js';
import { runeCount } from '../go/utf8.js';
import { codePointSlice } from './strings.js';
import { getKey, hasKey, isObject, sortedKeys, valuesEqual } from './values.js';

/** Go's math.MaxInt64 as a float64 (2^63): float-to-int conversions saturate here. */
const MAX_INT = 2 ** 63;

/** gojq's toInt for numbers: truncate toward zero, saturating; NaN becomes the minimum. */
export function toInt(x: number): number {
  if (Number.isNaN(x)) return -MAX_INT;
  if (x >= MAX_INT) return MAX_INT;
  if (x <= -MAX_INT) return -MAX_INT;
  return Math.trunc(x);
}

export function clampIndex(i: number, min: number, max: number): number {
  if (i < 0) i += max;
  if (i < min) return min;
  return i < max ? i : max;
}

export function indexValue(v: unknown, key: unknown): unknown {
  if (typeof key === 'string') {
    if (v === null) return null;
    if (isObject(v)) return getKey(v, key);
    return fail(`expected an object but got: ${typePreview(v)}`);
  }
  if (typeof key === 'number') {
    if (v === null) return null;
    if (Array.isArray(v)) {
      const i = clampIndex(toInt(key), -1, v.length);
      return i >= 0 && i < v.length ? v[i] : null;
    }
    if (typeof v === 'string') {
      const len = runeCount(v);
      const i = clampIndex(toInt(key), -1, len);
      return i >= 0 && i < len ? codePointSlice(v, i, i + 1) : null;
    }
    return fail(`expected an array but got: ${typePreview(v)}`);
  }
  if (Array.isArray(key)) {
    if (v === null) return null;
    if (Array.isArray(v)) return subarrayIndices(v, key);
    return fail(`expected an array but got: ${typePreview(v)}`);
  }
  if (isObject(key)) {
    if (v === null) return null;
    if (!hasKey(key, 'start') || !hasKey(key, 'end')) {
      return fail(`expected "start" and "end" for slicing but got: ${typePreview(key)}`);
    }
    return sliceValue(v, key['start'], key['end']);
  }
  if (Array.isArray(v)) return fail(`expected a number for indexing an array but got: ${typePreview(key)}`);
  if (typeof v === 'string')
    return fail(`expected a number for indexing a string but got: ${typePreview(key)}`);
  return fail(`expected a string for object key but got: ${typePreview(key)}`);
}

/** Positions where `needle` occurs as a contiguous run in `hay` (jq's indices on arrays). */
export function subarrayIndices(hay: readonly unknown[], needle: readonly unknown[]): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    let ok = true;
    for (let j = 0; j < needle.length; j++) {
      if (!valuesEqual(hay[i + j], needle[j])) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(i);
  }
  return out;
}

function sliceBounds(len: number, from: unknown, to: unknown, what: 'array' | 'string'): [number, number] {
  let start = 0;
  let end = len;
  if (from !== null) {
    if (typeof from !== 'number')
      fail(
        `expected a number for indexing ${what === 'array' ? 'an array' : 'a string'} but got: ${typePreview(from)}`,
      );
    start = clampIndex(toInt(from), 0, len);
  }
  if (to !== null) {
    if (typeof to !== 'number')
      fail(
        `expected a number for indexing ${what === 'array' ? 'an array' : 'a string'} but got: ${typePreview(to)}`,
      );
    end = clampIndex(toInt(Math.ceil(to)), start, len);
  }
  return [start, end];
}

export function sliceValue(v: unknown, from: unknown, to: unknown): unknown {
  if (v === null) return null;
  if (Array.isArray(v)) {
    const [s, e] = sliceBounds(v.length, from, to, 'array');
    return v.slice(s, e);
  }
  if (typeof v === 'string') {
    const [s, e] = sliceBounds(runeCount(v), from, to, 'string');
    return codePointSlice(v, s, e);
  }
  return fail(`expected an array but got: ${typePreview(v)}`);
}

export function getPath(v: unknown, path: unknown): unknown {
  if (!Array.isArray(path)) return fail(`getpath(${preview(path)}) cannot be applied to: ${typePreview(v)}`);
  const original = v;
  for (const key of path) {
    if (v !== null && typeof v !== 'object') {
      return fail(`getpath(${preview(path)}) cannot be applied to: ${typePreview(original)}`);
    }
    try {
      v = indexValue(v, key);
    } catch (e) {
      return fail(
        `getpath(${preview(path)}) cannot be applied to ${preview(original)}: ${(e as Error).message}`,
      );
    }
  }
  return v;
}

/** `.[]`: array elements, or object values in key order; one step each. */
export function iterate(ctx: RunContext, v: unknown, path: Path, emit: Emit): void {
  if (typeof v === 'object' && v !== null) checkIntact(path, v, true);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      ctx.tick();
      emit(v[i], extendPath(path, i));
    }
  } else if (isObject(v)) {
    for (const k of sortedKeys(v)) {
      ctx.tick();
      emit(v[k], extendPath(path, k));
    }
  } else {
    fail(`cannot iterate over: ${typePreview(v)}`);
  }
}
