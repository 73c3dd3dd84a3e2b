// encoding/base64 StdEncoding (padded) and RawStdEncoding (unpadded) over bytes, with Go's
// error offsets: sprig's b64enc/b64dec, expr-lang's toBase64/fromBase64 and gojq's @base64 and
// @base64d all use them. No atob/btoa: the workflow sandbox may lack them.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const LF = 10;
const CR = 13;

/** base64.CorruptInputError: its message is Go's error text. */
export class CorruptInputError extends Error {
  constructor(
    /** byte offset in the input where decoding failed */
    readonly offset: number,
  ) {
    super(`illegal base64 data at input byte ${offset}`);
    this.name = 'CorruptInputError';
  }
}

const DECODE = ((): Int16Array => {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) m[ALPHABET.charCodeAt(i)] = i;
  return m;
})();

/** StdEncoding.EncodeToString. */
export function base64Encode(b: ArrayLike<number>): string {
  let out = '';
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out +=
      ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

function skipNewlines(src: ArrayLike<number>, si: number): number {
  while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
  return si;
}

/**
 * StdEncoding.DecodeString (padded) or RawStdEncoding.DecodeString (`padded` false), quantum by
 * quantum as Go's decodeQuantum reads them: line breaks are skipped anywhere. Throws
 * CorruptInputError at Go's offset.
 */
export function base64Decode(src: ArrayLike<number>, padded = true): Uint8Array {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let trailingGarbageAt = -1;
    for (let j = 0; j < 4; j++) {
      if (src.length === si) {
        if (j === 0) return Uint8Array.from(out);
        if (j === 1 || padded) throw new CorruptInputError(si - j);
        dlen = j;
        break;
      }
      const inb = src[si]!;
      si++;
      const v = DECODE[inb] ?? -1;
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (inb === LF || inb === CR) {
        j--;
        continue;
      }
      if (!padded || inb !== PAD || j < 2) throw new CorruptInputError(si - 1);
      if (j === 2) {
        // "==" is expected; the first '=' is already read.
        si = skipNewlines(src, si);
        if (si === src.length) throw new CorruptInputError(src.length);
        if (src[si] !== PAD) throw new CorruptInputError(si - 1);
        si++;
      }
      si = skipNewlines(src, si);
      if (si < src.length) trailingGarbageAt = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]!);
    if (trailingGarbageAt >= 0) throw new CorruptInputError(trailingGarbageAt);
  }
  return Uint8Array.from(out);
}
