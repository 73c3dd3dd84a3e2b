// jq values are plain JSON-shaped JS values. Helpers here give jq's type names, its total
// ordering (null < false < true < numbers < strings < arrays < objects) and safe object access
// (own properties only, so keys like "__proto__" or "toString" are ordinary data).

import { compareGoStrings } from '../go/compare-strings.js';
import { MAX_NESTING, nestingError } from './errors.js';

export type JqObject = Record<string, unknown>;

const hasOwnProperty = Object.prototype.hasOwnProperty;

export function isObject(v: unknown): v is JqObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return Array.isArray(v) ? 'array' : 'object';
  }
}

export function isTruthy(v: unknown): boolean {
  return v !== null && v !== false && v !== undefined;
}

export function hasKey(o: JqObject, k: string): boolean {
  return hasOwnProperty.call(o, k);
}

export function getKey(o: JqObject, k: string): unknown {
  return hasOwnProperty.call(o, k) ? o[k] : null;
}

/** Assigns an own data property even for "__proto__". */
export function setKey(o: JqObject, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

export function copyObject(o: JqObject): JqObject {
  const out: JqObject = {};
  for (const k of Object.keys(o)) setKey(out, k, o[k]);
  return out;
}

/** Object keys in gojq's iteration order (sorted; gojq keeps no insertion order). */
export function sortedKeys(o: JqObject): string[] {
  const keys = Object.keys(o);
  if (keys.length > 1) {
    // The default sort (UTF-16 order) agrees with code point order unless a key has a
    // character at or above U+D800; only then pay for the custom comparator.
    keys.sort(keys.some((k) => HIGH_UNITS.test(k)) ? compareGoStrings : undefined);
  }
  return keys;
}

const HIGH_UNITS = /[\ud800-\uffff]/;

function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'boolean':
      return v ? 2 : 1;
    case 'number':
      return 3;
    case 'string':
      return 4;
    default:
      return Array.isArray(v) ? 5 : 6;
  }
}

/** jq's total order; NaN sorts below every number (gojq: `nan < nan` is true). */
export function compareValues(a: unknown, b: unknown, depth = 0): number {
  if (depth > MAX_NESTING) throw nestingError();
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 3: {
      const x = a as number;
      const y = b as number;
      if (x < y || Number.isNaN(x)) return -1;
      return x === y ? 0 : 1;
    }
    case 4:
      return compareGoStrings(a as string, b as string);
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(x[i], y[i], depth + 1);
        if (c !== 0) return c;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
    case 6: {
      const x = a as JqObject;
      const y = b as JqObject;
      const kx = sortedKeys(x);
      const ky = sortedKeys(y);
      const c = compareValues(kx, ky);
      if (c !== 0) return c;
      for (const k of kx) {
        const d = compareValues(x[k], y[k], depth + 1);
        if (d !== 0) return d;
      }
      return 0;
    }
    default:
      return 0;
  }
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  return compareValues(a, b) === 0;
}
