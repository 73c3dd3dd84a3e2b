// Typed values out of a config block validation already accepted (so a wrong type cannot occur
// there; these only narrow what TypeScript sees, without casts).
import { isObject } from '../vocabulary/shape-checks.js';

/** A string → string map (Argo's `metadata`), or undefined when absent. */
export function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObject(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** A list of strings, or undefined when absent or empty. */
export function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.filter((x): x is string => typeof x === 'string');
  return out.length > 0 ? out : undefined;
}
