// Just enough of shopspring/decimal for sprig's addf/subf/mulf/divf: exact decimal arithmetic
// on the shortest decimal form of each float64, division rounded to 16 places.

interface Dec {
  coef: bigint;
  /** value = coef × 10^exp */
  exp: number;
}

const DIVISION_PRECISION = 16;

export function decFromFloat(f: number): Dec {
  if (f === 0) return { coef: 0n, exp: 0 };
  const s = f.toExponential(); // shortest round-trip digits, like NewFromFloat
  const [mant = '0', e = '0'] = s.split('e');
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const fracLen = (mant.split('.')[1] ?? '').length;
  const coef = BigInt(digits) * (neg ? -1n : 1n);
  return { coef, exp: Number(e) - fracLen };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  if (a.exp === b.exp) return [a.coef, b.coef, a.exp];
  if (a.exp < b.exp) return [a.coef, b.coef * 10n ** BigInt(b.exp - a.exp), a.exp];
  return [a.coef * 10n ** BigInt(a.exp - b.exp), b.coef, b.exp];
}

export function decAdd(a: Dec, b: Dec): Dec {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
}

export function decSub(a: Dec, b: Dec): Dec {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
}

export function decMul(a: Dec, b: Dec): Dec {
  return { coef: a.coef * b.coef, exp: a.exp + b.exp };
}

export class DecimalDivByZero extends Error {
  constructor() {
    super('decimal division by 0');
  }
}

/** Quotient rounded half away from zero to 16 decimal places (Decimal.Div). */
export function decDiv(a: Dec, b: Dec): Dec {
  if (b.coef === 0n) throw new DecimalDivByZero();
  // a/b = (a.coef / b.coef) × 10^(a.exp - b.exp); scale to 10^-17 then round.
  const target = -(DIVISION_PRECISION + 1);
  const shift = a.exp - b.exp - target;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  const q = num / den; // truncated toward zero, 17 places
  const last = q % 10n;
  let r = q / 10n;
  if (last >= 5n) r += 1n;
  else if (last <= -5n) r -= 1n;
  return { coef: r, exp: -DIVISION_PRECISION };
}

export function decToFloat(d: Dec): number {
  if (d.coef === 0n) return 0;
  return Number(`${d.coef.toString()}e${d.exp}`);
}
