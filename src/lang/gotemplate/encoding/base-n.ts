// encoding/base64 and encoding/base32 StdEncoding, with Go's error texts (sprig returns the
// error text itself when decoding fails).

import { utf8Decode, utf8Encode } from './utf8.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base64Encode(s: string): string {
  const b = utf8Encode(s);
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

export class CorruptInputError extends Error {}

function decodeMap(alphabet: string): Int16Array {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}

const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);

/** base64.StdEncoding.Decode, quantum by quantum as Go's decodeQuantum does. */
function base64DecodeBytes(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let err: number | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (src.length === si) {
        if (j === 0) return Uint8Array.from(out);
        throw new CorruptInputError(`illegal base64 data at input byte ${si - j}`);
      }
      const inb = src[si]!;
      si++;
      const v = B64_MAP[inb]!;
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (inb === 10 || inb === 13) {
        j--;
        continue;
      }
      if (inb !== 61) throw new CorruptInputError(`illegal base64 data at input byte ${si - 1}`);
      if (j === 0 || j === 1) throw new CorruptInputError(`illegal base64 data at input byte ${si - 1}`);
      if (j === 2) {
        while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
        if (si === src.length) throw new CorruptInputError(`illegal base64 data at input byte ${src.length}`);
        if (src[si] !== 61) throw new CorruptInputError(`illegal base64 data at input byte ${si - 1}`);
        si++;
      }
      while (si < src.length && (src[si] === 10 || src[si] === 13)) si++;
      if (si < src.length) err = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]!);
    if (err !== undefined) throw new CorruptInputError(`illegal base64 data at input byte ${err}`);
  }
  return Uint8Array.from(out);
}

/** base32.StdEncoding.DecodeString (newlines removed first, as Go does). */
function base32DecodeBytes(input: Uint8Array): Uint8Array {
  const src = input.filter((b) => b !== 10 && b !== 13);
  const olen = src.length;
  const out: number[] = [];
  let p = 0;
  let end = false;
  while (p < olen && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8;) {
      if (p === olen) throw new CorruptInputError(`illegal base32 data at input byte ${p - j}`);
      const inb = src[p]!;
      p++;
      const rest = olen - p;
      if (inb === 61 && j >= 2 && rest < 8) {
        if (rest + j < 7) throw new CorruptInputError(`illegal base32 data at input byte ${olen}`);
        for (let k = 0; k < 7 - j; k++) {
          if (rest > k && src[p + k] !== 61)
            throw new CorruptInputError(`illegal base32 data at input byte ${p + k - 1}`);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6)
          throw new CorruptInputError(`illegal base32 data at input byte ${p - 1}`);
        break;
      }
      const v = B32_MAP[inb]!;
      if (v < 0) throw new CorruptInputError(`illegal base32 data at input byte ${p - 1}`);
      dbuf[j] = v;
      j++;
    }
    const d = dbuf as [number, number, number, number, number, number, number, number];
    const bytes = [
      ((d[0] << 3) | (d[1] >> 2)) & 0xff,
      ((d[1] << 6) | (d[2] << 1) | (d[3] >> 4)) & 0xff,
      ((d[3] << 4) | (d[4] >> 1)) & 0xff,
      ((d[4] << 7) | (d[5] << 2) | (d[6] >> 3)) & 0xff,
      ((d[6] << 5) | d[7]) & 0xff,
    ];
    const count = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    for (let k = 0; k < count; k++) out.push(bytes[k]!);
  }
  return Uint8Array.from(out);
}

export function base64Decode(s: string): string {
  return utf8Decode(base64DecodeBytes(utf8Encode(s)));
}

export function base32Encode(s: string): string {
  const b = utf8Encode(s);
  let out = '';
  let acc = 0;
  let nbits = 0;
  for (const byte of b) {
    acc = ((acc << 8) | byte) & 0xffff;
    nbits += 8;
    while (nbits >= 5) {
      nbits -= 5;
      out += B32[(acc >> nbits) & 31]!;
    }
  }
  if (nbits > 0) out += B32[(acc << (5 - nbits)) & 31]!;
  while (out.length % 8 !== 0) out += '=';
  return out;
}

export function base32Decode(s: string): string {
  return utf8Decode(base32DecodeBytes(utf8Encode(s)));
}
