// encoding/base64 StdEncoding over the UTF-8 bytes of a string (no atob/btoa in the sandbox).

import { utf8Decode, utf8Encode } from './utf8.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(s: string): string {
  const bytes = utf8Encode(s);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}

export class Base64Error extends Error {}

/** Strict like Go: padding required, no stray characters (line breaks are skipped, as Go does). */
export function base64Decode(text: string): string {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0)
    throw new Base64Error(`illegal base64 data at input byte ${s.length - (s.length % 4)}`);
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const quad = s.slice(i, i + 4);
    const vals: number[] = [];
    for (let j = 0; j < 4; j++) {
      const ch = quad[j]!;
      if (ch === '=') {
        const rest = quad.slice(j);
        if (j < 2 || i + 4 !== s.length || !/^=+$/.test(rest))
          throw new Base64Error(`illegal base64 data at input byte ${i + j}`);
        break;
      }
      const v = ALPHABET.indexOf(ch);
      if (v < 0) throw new Base64Error(`illegal base64 data at input byte ${i + j}`);
      vals.push(v);
    }
    const n = ((vals[0] ?? 0) << 18) | ((vals[1] ?? 0) << 12) | ((vals[2] ?? 0) << 6) | (vals[3] ?? 0);
    bytes.push((n >> 16) & 255);
    if (vals.length > 2) bytes.push((n >> 8) & 255);
    if (vals.length > 3) bytes.push(n & 255);
  }
  return utf8Decode(bytes);
}
