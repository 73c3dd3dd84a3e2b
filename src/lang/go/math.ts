// Go's math package where its results differ from JS Math: Frexp, Ldexp (one rounding, also
// into the subnormal range) and Pow. Go's Pow does not compute a correctly rounded power:
// integer exponents go through repeated squaring of the mantissa, so results can differ from JS
// `**` in the last bit; following the same steps gives Go's digits. (A fractional part of the
// exponent uses exp(yf*log(x)); JS's exp/log may still differ by an ulp.) govaluate, expr-lang,
// gojq and gopher-lua all call these.

const buf = new DataView(new ArrayBuffer(8));

/** math.Float64bits. */
export function float64Bits(f: number): bigint {
  buf.setFloat64(0, f);
  return buf.getBigUint64(0);
}

/** math.Float64frombits. */
export function float64FromBits(b: bigint): number {
  buf.setBigUint64(0, b);
  return buf.getFloat64(0);
}

/** f = frac * 2^exp with 0.5 <= |frac| < 1 (zero, infinities and NaN returned with exp 0). */
export function frexp(f: number): [number, number] {
  if (f === 0 || !Number.isFinite(f)) return [f, 0];
  let exp = 0;
  let x = f;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    // subnormal: scale into the normal range first
    x *= 2 ** 52;
    exp = -52;
  }
  const b = float64Bits(x);
  exp += Number((b >> 52n) & 0x7ffn) - 1022;
  const frac = float64FromBits((b & ~(0x7ffn << 52n)) | (1022n << 52n));
  return [frac, exp];
}

/** frac * 2^exp rounded once, as Go's Ldexp does (including the subnormal range). */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [f, e] = frexp(frac);
  let x = exp + e;
  const b = float64Bits(f);
  x += Number((b >> 52n) & 0x7ffn) - 1023;
  if (x < -1075) return frac < 0 ? -0 : 0;
  if (x > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (x < -1022) {
    x += 53;
    m = 2 ** -53;
  }
  return m * float64FromBits((b & ~(0x7ffn << 52n)) | (BigInt(x + 1023) << 52n));
}

export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    const oddInt = isOddInt(y);
    if (y < 0) {
      if (Object.is(x, -0) && oddInt) return -Infinity;
      return Infinity;
    }
    if (Object.is(x, -0) && oddInt) return x;
    return 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === (y === Infinity)) return 0;
    return Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x === -Infinity) return goPow(1 / x, -y); // Pow(-0, -y)
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);

  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    // A huge even integer exponent: overflow or underflow, except for -1.
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === y > 0) return 0;
    return Infinity;
  }

  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }

  let [x1, xe] = frexp(x);
  // Repeated squaring over the bits of yi; yi < 2^63 but may exceed 2^53, so walk it as a bigint.
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

function isOddInt(y: number): boolean {
  if (Math.abs(y) >= 2 ** 53) return false;
  return Number.isInteger(y) && Math.abs(y % 2) === 1;
}
