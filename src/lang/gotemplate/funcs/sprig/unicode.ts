// Go's unicode package predicates and simple (one rune → one rune) case mappings. JS case
// conversion can change length ("ß" → "SS") or depend on context (final sigma); Go never does.

const RE_UPPER = /^\p{Lu}$/u;
const RE_LOWER = /^\p{Ll}$/u;
const RE_TITLE = /^\p{Lt}$/u;
const RE_LETTER = /^\p{L}$/u;
const RE_NUMBER = /^\p{N}$/u;
const RE_DIGIT = /^\p{Nd}$/u;
const RE_PUNCT = /^\p{P}$/u;
const RE_WHITE = /^\p{White_Space}$/u;

const ch = (r: number): string => String.fromCodePoint(r);

/** unicode.IsSpace. */
export function isSpace(r: number): boolean {
  if (r < 0x100) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return RE_WHITE.test(ch(r));
}

export function isUpper(r: number): boolean {
  if (r < 0x80) return r >= 65 && r <= 90;
  return RE_UPPER.test(ch(r));
}

export function isLower(r: number): boolean {
  if (r < 0x80) return r >= 97 && r <= 122;
  return RE_LOWER.test(ch(r));
}

export function isTitle(r: number): boolean {
  return r >= 0x80 && RE_TITLE.test(ch(r));
}

export function isLetter(r: number): boolean {
  if (r < 0x80) return (r >= 65 && r <= 90) || (r >= 97 && r <= 122);
  return RE_LETTER.test(ch(r));
}

export function isNumber(r: number): boolean {
  if (r < 0x80) return r >= 48 && r <= 57;
  return RE_NUMBER.test(ch(r));
}

export function isDigit(r: number): boolean {
  if (r < 0x80) return r >= 48 && r <= 57;
  return RE_DIGIT.test(ch(r));
}

export function isPunct(r: number): boolean {
  return RE_PUNCT.test(ch(r));
}

function single(mapped: string, r: number): number {
  const cp = mapped.codePointAt(0)!;
  return mapped.length === ch(cp).length ? cp : r;
}

export function toUpper(r: number): number {
  if (r < 0x80) return r >= 97 && r <= 122 ? r - 32 : r;
  return single(ch(r).toUpperCase(), r);
}

export function toLower(r: number): number {
  if (r < 0x80) return r >= 65 && r <= 90 ? r + 32 : r;
  if (r === 0x130) return 0x69; // İ: Go's simple mapping is plain i
  return single(ch(r).toLowerCase(), r);
}

const TITLE_CASE: Record<number, number> = {
  0x1c4: 0x1c5,
  0x1c5: 0x1c5,
  0x1c6: 0x1c5,
  0x1c7: 0x1c8,
  0x1c8: 0x1c8,
  0x1c9: 0x1c8,
  0x1ca: 0x1cb,
  0x1cb: 0x1cb,
  0x1cc: 0x1cb,
  0x1f1: 0x1f2,
  0x1f2: 0x1f2,
  0x1f3: 0x1f2,
};

export function toTitle(r: number): number {
  return TITLE_CASE[r] ?? toUpper(r);
}

/** Applies a rune mapping to each code point. */
export function mapRunes(s: string, f: (r: number) => number): string {
  let out = '';
  for (const c of s) out += String.fromCodePoint(f(c.codePointAt(0)!));
  return out;
}
