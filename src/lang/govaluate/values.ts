// govaluate's value model over JS values: float64 = number, string, bool, nil = null/undefined,
// arrays ([]interface{}) and plain objects (maps). Equality follows Go: `==` and `!=` use
// reflect.DeepEqual, while `in` uses interface equality, which panics on two slices or two maps.

import { formatGoValue } from './go-format.js';
import { isPatternLiteral } from './syntax-check.js';

export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/** How govaluate prints a value inside its messages (%v). */
export function show(v: unknown): string {
  return isPatternLiteral(v) ? v.source : formatGoValue(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (isPatternLiteral(a) || isPatternLiteral(b)) {
    return isPatternLiteral(a) && isPatternLiteral(b) && a.source === b.source;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) {
    if (!Object.hasOwn(rb, k) || !deepEqual(ra[k], rb[k])) return false;
  }
  return true;
}

export class UncomparableError extends Error {}

/** Go's interface `==`: different dynamic types are unequal; two slices or two maps cannot be compared. */
export function interfaceEqual(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== typeof b) return false;
  if (typeof a === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (isPatternLiteral(a) || isPatternLiteral(b)) return a === b;
    throw new UncomparableError(
      `runtime error: comparing uncomparable type ${Array.isArray(a) ? '[]interface {}' : 'map[string]interface {}'}`,
    );
  }
  return a === b;
}
