// Key patterns and the `%` query operator use tidwall/match: `*` matches any run of characters,
// `?` exactly one character (a code point, not a UTF-16 unit), and `\c` the character c.
// Matching is the classic greedy star with a single backtrack point, so it is O(len(str) *
// len(pattern)) at worst and can never blow up on hostile patterns.

const STAR = -1;
const ANY = -2;

/** A pattern compiled to code points, with STAR / ANY for the wildcards. */
export type WildcardPattern = readonly number[];

export function compileWildcard(pattern: string): WildcardPattern {
  const out: number[] = [];
  let escaped = false;
  for (const ch of pattern) {
    const cp = ch.codePointAt(0)!;
    if (escaped) {
      out.push(cp);
      escaped = false;
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === '*') {
      if (out[out.length - 1] !== STAR) out.push(STAR);
    } else if (ch === '?') {
      out.push(ANY);
    } else {
      out.push(cp);
    }
  }
  // A trailing lone backslash can never match anything (tidwall/match: no rune after it).
  if (escaped) out.push(Number.NaN);
  return out;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    out.push(cp);
    if (cp > 0xffff) i++;
  }
  return out;
}

export function matchWildcard(str: string, pattern: WildcardPattern): boolean {
  if (pattern.length === 1 && pattern[0] === STAR) return true;
  const s = codePoints(str);
  let si = 0;
  let pi = 0;
  let starPi = -1;
  let starSi = 0;
  while (si < s.length) {
    const p = pattern[pi];
    if (p === STAR) {
      starPi = pi++;
      starSi = si;
    } else if (p !== undefined && (p === ANY || p === s[si])) {
      si++;
      pi++;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      si = ++starSi;
    } else {
      return false;
    }
  }
  while (pattern[pi] === STAR) pi++;
  return pi === pattern.length;
}
