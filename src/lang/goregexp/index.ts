// Go regexp (RE2) patterns for JavaScript: Argo compiles filter values, `=~` operands and
// sprig regex arguments with Go's regexp package, so users write RE2 and must get RE2's
// answers (and errors). Compiled patterns are cached.
import { compileGoRegexp as compileUncached, GoRegexpSyntaxError, translateGoRegexp } from './translate.js';

export { GoRegexpSyntaxError, translateGoRegexp };

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 2000;

/** A non-global RegExp (safe to reuse with .test); throws GoRegexpSyntaxError where Go would. */
export function compileGoRegexp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  re = compileUncached(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** Go's regexp.MatchString: unanchored. */
export function goRegexpMatch(pattern: string, text: string): boolean {
  return compileGoRegexp(pattern).test(text);
}
