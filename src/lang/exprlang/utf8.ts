// Go strings are UTF-8 bytes: len(), indexes, slices and strings.Index count bytes. These helpers
// give JS strings that view without TextEncoder (not guaranteed inside the workflow sandbox).

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate: Go would hold U+FFFD
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Decodes UTF-8; invalid sequences become U+FFFD (a Go string could hold the raw bytes). */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let cp = 0xfffd;
    let n = 1;
    const cont = (k: number): boolean => ((bytes[i + k] ?? 0) & 0xc0) === 0x80;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b < 0xe0 && cont(1)) [cp, n] = [((b & 31) << 6) | (bytes[i + 1]! & 63), 2];
    else if (b >= 0xe0 && b < 0xf0 && cont(1) && cont(2)) {
      const v = ((b & 15) << 12) | ((bytes[i + 1]! & 63) << 6) | (bytes[i + 2]! & 63);
      if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) [cp, n] = [v, 3];
    } else if (b >= 0xf0 && b < 0xf5 && cont(1) && cont(2) && cont(3)) {
      const v =
        ((b & 7) << 18) | ((bytes[i + 1]! & 63) << 12) | ((bytes[i + 2]! & 63) << 6) | (bytes[i + 3]! & 63);
      if (v >= 0x10000 && v <= 0x10ffff) [cp, n] = [v, 4];
    }
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

export function utf8Length(s: string): number {
  return isAscii(s) ? s.length : utf8Encode(s).length;
}

/** The byte at a UTF-8 index, or undefined when out of range. */
export function utf8ByteAt(s: string, index: number): number | undefined {
  return isAscii(s) ? (index < s.length ? s.charCodeAt(index) : undefined) : utf8Encode(s)[index];
}

/** s[from:to] over bytes (indexes already clamped by the caller). */
export function utf8Slice(s: string, from: number, to: number): string {
  return isAscii(s) ? s.slice(from, to) : utf8Decode(utf8Encode(s).slice(from, to));
}

/** Byte offset of a UTF-16 offset (for strings.Index results). */
export function utf8OffsetOf(s: string, utf16Offset: number): number {
  return utf8Length(s.slice(0, utf16Offset));
}
