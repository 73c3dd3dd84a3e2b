// Go compares strings bytewise over UTF-8, which is code point order. JS `<` compares UTF-16
// units and so misorders astral characters (surrogates) against U+E000-U+FFFF. Used for sorted
// map keys (fmt, encoding/json, gojq) and string comparison operators in every language.

/** -1, 0 or 1 as Go's strings.Compare gives for the UTF-8 forms of a and b. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate encodes a code point above U+FFFF, so it sorts after any BMP character.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}
