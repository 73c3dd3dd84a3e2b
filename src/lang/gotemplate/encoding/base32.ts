// encoding/base32 StdEncoding with Go's error texts (sprig returns the error text itself when
// decoding fails). Base64 is shared with the other languages in ../../go/base64.ts.

import { utf8Decode, utf8Encode } from '../../go/utf8.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.CorruptInputError. */
export class CorruptBase32Error extends Error {}

const B32_MAP = ((): Int16Array => {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < B32.length; i++) m[B32.charCodeAt(i)] = i;
  return m;
})();

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
      if (p === olen) throw new CorruptBase32Error(`illegal base32 data at input byte ${p - j}`);
      const inb = src[p]!;
      p++;
      const rest = olen - p;
      if (inb === 61 && j >= 2 && rest < 8) {
        if (rest + j < 7) throw new CorruptBase32Error(`illegal base32 data at input byte ${olen}`);
        for (let k = 0; k < 7 - j; k++) {
          if (rest > k && src[p + k] !== 61)
            throw new CorruptBase32Error(`illegal base32 data at input byte ${p + k - 1}`);
        }
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6)
          throw new CorruptBase32Error(`illegal base32 data at input byte ${p - 1}`);
        break;
      }
      const v = B32_MAP[inb]!;
      if (v < 0) throw new CorruptBase32Error(`illegal base32 data at input byte ${p - 1}`);
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
