// govaluate's bitwise operators convert float64 operands to Go integers and back. Go's
// out-of-range float conversions are platform behaviour; these follow what Argo's build
// (Go 1.26, amd64) does: NaN and out-of-range values become 1<<63.

const TWO_63 = 2 ** 63;
const MIN_INT64 = -(2n ** 63n);

/** int64(f) on amd64: truncation; NaN and out-of-range values become math.MinInt64. */
function toInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= TWO_63 || f < -TWO_63) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** uint64(f): values in int64 range go through int64 (negatives wrap), [2^63, 2^64) convert exactly. */
function toUint64(f: number): bigint {
  if (f >= -TWO_63 && f < TWO_63) return BigInt.asUintN(64, BigInt(Math.trunc(f)));
  if (f >= TWO_63 && f < 2 ** 64) return BigInt(f);
  return 1n << 63n;
}

export function int64Op(op: '&' | '|' | '^', l: number, r: number): number {
  // Small integers take the plain 32-bit path; anything else goes through exact 64-bit math.
  if ((l | 0) === l && (r | 0) === r) {
    return op === '&' ? l & r : op === '|' ? l | r : l ^ r;
  }
  const a = toInt64(l);
  const b = toInt64(r);
  const v = op === '&' ? a & b : op === '|' ? a | b : a ^ b;
  return Number(BigInt.asIntN(64, v));
}

export function int64Not(f: number): number {
  return Number(BigInt.asIntN(64, ~toInt64(f)));
}

export function uint64Shift(op: '<<' | '>>', l: number, r: number): number {
  const a = toUint64(l);
  const n = toUint64(r);
  if (n >= 64n) return 0;
  return Number(op === '<<' ? BigInt.asUintN(64, a << n) : a >> n);
}
