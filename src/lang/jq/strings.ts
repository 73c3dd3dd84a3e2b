// String helpers in jq's units: lengths, offsets and slices count Unicode code points (Go runes),
// not UTF-16 units. (UTF-8 and base64 are shared with the other languages in ../go/.)

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isPair(s: string, i: number): boolean {
  return isHighSurrogate(s.charCodeAt(i)) && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
}

/** True when every UTF-16 unit is its own code point (the fast path for most strings). */
function isBmpOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}

/** UTF-16 offset of code point index `cp` (clamped to the string's end). */
function unitOffset(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) i += isPair(s, i) ? 2 : 1;
  return i;
}

/** Code point index of UTF-16 offset `unit`. */
export function codePointIndex(s: string, unit: number): number {
  let n = 0;
  for (let i = 0; i < unit && i < s.length; i++) {
    if (isPair(s, i)) i++;
    n++;
  }
  return n;
}

export function codePointSlice(s: string, from: number, to: number): string {
  if (isBmpOnly(s)) return s.slice(from, to);
  const a = unitOffset(s, from);
  return s.slice(a, a + unitOffset(s.slice(a), to - from));
}

export function explode(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    // A lone surrogate cannot exist in a Go string; it would have been U+FFFD.
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

/** Code point to string as Go's WriteRune: invalid values and surrogates become U+FFFD. */
export function runeToString(c: number): string {
  if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(c);
}
