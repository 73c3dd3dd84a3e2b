// govaluate's value model over JS values: float64 = number, string, bool, nil = null/undefined,
// arrays ([]interface{}) and plain objects (maps). Equality follows Go: `==` and `!=` use
// reflect.DeepEqual, while `in` uses interface equality, which panics on two slices or two maps.

import { goDeepEqual } from '../go/deep-equal.js';
import { formatGoValue } from '../go/format-value.js';
import { isPatternLiteral } from './syntax-check.js';

export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/** How govaluate prints a value inside its messages (%v). */
export function show(v: unknown): string {
  return isPatternLiteral(v) ? v.source : formatGoValue(v);
}

/** reflect.DeepEqual; two compiled patterns are equal when their sources are. */
export function deepEqual(a: unknown, b: unknown): boolean {
  return goDeepEqual(a, b, samePattern);
}

function samePattern(a: object, b: object): boolean | undefined {
  if (!isPatternLiteral(a) && !isPatternLiteral(b)) return undefined;
  return isPatternLiteral(a) && isPatternLiteral(b) && a.source === b.source;
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
