// Go regexp (RE2) patterns for JavaScript. Argo compiles data-filter values, govaluate's =~,
// expr-lang's `matches`, sprig's regex functions and gojq's test/match/sub with Go's regexp
// package, so users write RE2 and must get RE2's answers (and errors), in linear time as in Go.
// Compiled patterns are cached by source.

import { canBackquote, quoteGo } from '../go/quote.js';
import { GoRegexp } from './go-regexp.js';
import { GoRegexpSyntaxError } from './syntax-error.js';

export { GoRegexp, quoteMeta } from './go-regexp.js';
export { GoRegexpSyntaxError } from './syntax-error.js';

const cache = new Map<string, GoRegexp | GoRegexpSyntaxError>();
const CACHE_LIMIT = 2000;

/** regexp.Compile, cached; throws GoRegexpSyntaxError where Go would. */
export function compileGoRegexpObject(pattern: string): GoRegexp {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    try {
      hit = GoRegexp.compile(pattern);
    } catch (e) {
      if (!(e instanceof GoRegexpSyntaxError)) throw e;
      hit = e;
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(pattern, hit);
  }
  if (hit instanceof GoRegexpSyntaxError) throw hit;
  return hit;
}

/** The compiled pattern (it has .test, like a RegExp); throws GoRegexpSyntaxError where Go would. */
export function compileGoRegexp(pattern: string): GoRegexp {
  return compileGoRegexpObject(pattern);
}

/** The panic text of regexp.MustCompile for a pattern that failed with `err`. */
export function mustCompileMessage(pattern: string, err: GoRegexpSyntaxError): string {
  const quoted = canBackquote(pattern) ? '`' + pattern + '`' : quoteGo(pattern);
  return `regexp: Compile(${quoted}): ${err.message}`;
}
