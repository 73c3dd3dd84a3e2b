// reflect.DeepEqual over the JSON-shaped values govaluate and expr-lang hold (nil, bool, float64,
// int as bigint, string, []interface{}, map[string]interface{}): strict about types, so 1 (int)
// and 1.0 (float64) differ, and NaN is never equal to itself.

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/**
 * `compareOther` decides pairs of non-array objects that are not plain maps (say, a compiled
 * pattern): it returns a verdict, or undefined to compare them as maps.
 */
export function goDeepEqual(
  a: unknown,
  b: unknown,
  compareOther?: (a: object, b: object) => boolean | undefined,
): boolean {
  if (a === b) return true;
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!goDeepEqual(a[i], b[i], compareOther)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const verdict = compareOther?.(a, b);
  if (verdict !== undefined) return verdict;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) if (!Object.hasOwn(rb, k) || !goDeepEqual(ra[k], rb[k], compareOther)) return false;
  return true;
}
