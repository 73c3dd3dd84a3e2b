// Go strings are byte sequences and many Go functions (len, slicing, strings.Index, %x, sprig's
// trunc/substr, expr-lang's len and indexing, gojq's @base64 and utf8bytelength) count UTF-8
// bytes, while JS strings are UTF-16. These helpers bridge the two without TextEncoder, which the
// workflow sandbox may lack. A lone surrogate stands for U+FFFD, as a Go string cannot hold one.

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Number of bytes `s` occupies in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  if (isAscii(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

export function utf8Encode(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x80) out[j++] = c;
    else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    } else {
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 0x3f);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}

/**
 * Decodes one rune at `i` the way Go's utf8.DecodeRune does: an invalid or truncated sequence
 * yields U+FFFD with width 1.
 */
function decodeRune(b: ArrayLike<number>, i: number, end = b.length): { r: number; w: number } {
  const c0 = b[i] ?? 0;
  if (c0 < 0x80) return { r: c0, w: 1 };
  const need = c0 >= 0xf0 && c0 <= 0xf4 ? 4 : c0 >= 0xe0 ? 3 : c0 >= 0xc2 && c0 < 0xe0 ? 2 : 0;
  if (need === 0 || i + need > end || c0 > 0xf4) return { r: 0xfffd, w: 1 };
  let r = need === 2 ? c0 & 0x1f : need === 3 ? c0 & 0x0f : c0 & 0x07;
  for (let k = 1; k < need; k++) {
    const c = b[i + k] ?? 0;
    if ((c & 0xc0) !== 0x80) return { r: 0xfffd, w: 1 };
    r = (r << 6) | (c & 0x3f);
  }
  const min = need === 2 ? 0x80 : need === 3 ? 0x800 : 0x10000;
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return { r: 0xfffd, w: 1 };
  return { r, w: need };
}

/** Bytes back to a JS string; each invalid byte becomes U+FFFD (Go's `for range` view). */
export function utf8Decode(b: ArrayLike<number>, start = 0, end = b.length): string {
  let out = '';
  let i = start;
  while (i < end) {
    const c = b[i] ?? 0;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    const { r, w } = decodeRune(b, i, end);
    out += String.fromCodePoint(r);
    i += w;
  }
  return out;
}

/** Go's s[start:end] on the UTF-8 bytes of `s` (bounds already validated by the caller). */
export function byteSlice(s: string, start: number, end: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return utf8Decode(utf8Encode(s), start, end);
}

/** Each byte of `s` taken as a Latin-1 rune, as Go code that does `rune(str[i])` sees it. */
export function bytesAsLatin1Runes(s: string): string {
  if (isAscii(s)) return s;
  let out = '';
  for (const b of utf8Encode(s)) out += String.fromCharCode(b);
  return out;
}

/** Number of runes (code points; invalid sequences count one per byte). */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The byte at a UTF-8 index, or undefined when out of range (Go's s[i]). */
export function utf8ByteAt(s: string, index: number): number | undefined {
  if (isAscii(s)) return index < s.length ? s.charCodeAt(index) : undefined;
  return utf8Encode(s)[index];
}

/** Byte offset of a UTF-16 offset (for strings.Index results). */
export function utf8OffsetOf(s: string, utf16Offset: number): number {
  return utf8Length(s.slice(0, utf16Offset));
}
