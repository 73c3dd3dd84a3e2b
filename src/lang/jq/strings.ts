// String helpers in jq's units: lengths, offsets and slices count Unicode code points (Go runes),
// not UTF-16 units. Also UTF-8 and base64 codecs, since the workflow sandbox may lack
// TextEncoder / atob and Buffer.

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

export function codePointLength(s: string): number {
  if (isBmpOnly(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (isPair(s, i)) i++;
    n++;
  }
  return n;
}

/** UTF-16 offset of code point index `cp` (clamped to the string's end). */
export function unitOffset(s: string, cp: number): number {
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

export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (isPair(s, i)) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Decodes UTF-8 like Go's range loop: each byte of an invalid sequence becomes one U+FFFD. */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let need = 0;
    let cp = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      min = 0x10000;
    }
    let ok = need > 0 && i + need < bytes.length + 1;
    for (let k = 1; ok && k <= need; k++) {
      const cb = bytes[i + k];
      if (cb === undefined || (cb & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (cb & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      out += '\uFFFD';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

/**
 * Go's base64.RawStdEncoding.DecodeString (gojq first cuts the text at the first '='):
 * newlines are skipped; anything else outside the alphabet is an error at its byte offset.
 */
export function base64DecodeRaw(text: string): number[] | { errorAt: number } {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let count = 0;
  let lastPos = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') continue;
    const v = B64.indexOf(ch);
    if (v < 0) return { errorAt: utf8ByteLength(text.slice(0, i)) };
    lastPos = i;
    acc = (acc << 6) | v;
    bits += 6;
    count++;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  // A single leftover character (6 bits) cannot form a byte.
  if (count % 4 === 1) return { errorAt: utf8ByteLength(text.slice(0, lastPos)) };
  return out;
}
