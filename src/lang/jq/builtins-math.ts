// Math builtins, following Go's math package semantics (round half away from zero, rint half to
// even, IEEE remainder, frexp/ldexp …). Transcendental functions come from JS Math, which can
// differ from Go's in the last bit for some inputs.

import { valueFn, type BuiltinTable } from './define.js';
import { typePreview } from './encode.js';
import { fail } from './runtime.js';
import { float64Bits, float64FromBits, frexp, goPow, ldexp } from '../go/math.js';

type F1 = (x: number) => number;
type F2 = (x: number, y: number) => number;

const num = (name: string, v: unknown): number =>
  typeof v === 'number' ? v : fail(`${name} cannot be applied to: ${typePreview(v)}`);

const math1 = (name: string, f: F1) => valueFn((v) => f(num(name, v)));
const math2 = (name: string, f: F2) => valueFn((_v, a, b) => f(num(name, a), num(name, b)));

function round(x: number): number {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

function roundToEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/** gojq passes the exponent through Go's int(): truncated, and NaN becomes the minimum int64. */
function ldexpInt(frac: number, exp: number): number {
  return ldexp(frac, Number.isNaN(exp) ? -Infinity : Math.trunc(exp));
}

function logb(x: number): number {
  if (x === 0) return -Infinity;
  if (!Number.isFinite(x)) return Math.abs(x);
  return frexp(x)[1] - 1;
}

function nextafter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return x;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  const b = float64Bits(x);
  const up = y > x === x > 0;
  return float64FromBits(up ? b + 1n : b - 1n);
}

/** IEEE 754 remainder (Go's math.Remainder). */
function remainder(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y) || !Number.isFinite(x) || y === 0) return NaN;
  if (!Number.isFinite(y)) return x;
  const negative = x < 0 || Object.is(x, -0);
  let a = Math.abs(x);
  const b = Math.abs(y);
  if (a === b) return negative ? -0 : 0;
  if (b <= 8.988465674311579e307) a %= b + b;
  if (b < 4.450147717014403e-308) {
    if (a + a > b) {
      a -= b;
      if (a + a >= b) a -= b;
    }
  } else {
    const half = 0.5 * b;
    if (a > half) {
      a -= b;
      if (a >= half) a -= b;
    }
  }
  return negative ? -a : a;
}

function copysign(x: number, y: number): number {
  const negative = y < 0 || Object.is(y, -0) || (Number.isNaN(y) && float64Bits(y) >> 63n === 1n);
  return negative ? -Math.abs(x) : Math.abs(x);
}

// Lanczos approximation (g = 7, n = 9); exact factorials for small positive integers.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function gamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return Infinity;
  if (x === 0) return Object.is(x, -0) ? -Infinity : Infinity;
  if (x < 0 && Number.isInteger(x)) return NaN;
  if (Number.isInteger(x) && x <= 171) {
    let r = 1;
    for (let i = 2; i < x; i++) r *= i;
    return r;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * a;
}

function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  if (Number.isInteger(x) && x <= 171) return Math.log(gamma(x));
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Go's Log2: exact for powers of two, else log(frac)/ln2 + exp. */
function log2(x: number): number {
  if (x <= 0 || !Number.isFinite(x)) return Math.log2(x);
  const [frac, exp] = frexp(x);
  return frac === 0.5 ? exp - 1 : Math.log(frac) * (1 / Math.LN2) + exp;
}

function fdim(x: number, y: number): number {
  const v = x - y;
  return v <= 0 ? 0 : v;
}

export const MATH_BUILTINS: BuiltinTable = {
  'floor/0': math1('floor', Math.floor),
  'ceil/0': math1('ceil', Math.ceil),
  'round/0': math1('round', round),
  'rint/0': math1('rint', roundToEven),
  'nearbyint/0': math1('nearbyint', roundToEven),
  'trunc/0': math1('trunc', Math.trunc),
  'fabs/0': math1('fabs', Math.abs),
  'sqrt/0': math1('sqrt', Math.sqrt),
  'cbrt/0': math1('cbrt', Math.cbrt),
  'exp/0': math1('exp', Math.exp),
  'exp2/0': math1('exp2', (x) => 2 ** x),
  'exp10/0': math1('exp10', (x) => goPow(10, x)),
  'expm1/0': math1('expm1', Math.expm1),
  'log/0': math1('log', Math.log),
  'log2/0': math1('log2', log2),
  'log10/0': math1('log10', Math.log10),
  'log1p/0': math1('log1p', Math.log1p),
  'logb/0': math1('logb', logb),
  'gamma/0': math1('gamma', gamma),
  'tgamma/0': math1('tgamma', gamma),
  'lgamma/0': math1('lgamma', lgamma),
  'significand/0': math1('significand', (x) => (x === 0 || !Number.isFinite(x) ? x : frexp(x)[0] * 2)),
  'sin/0': math1('sin', Math.sin),
  'cos/0': math1('cos', Math.cos),
  'tan/0': math1('tan', Math.tan),
  'asin/0': math1('asin', Math.asin),
  'acos/0': math1('acos', Math.acos),
  'atan/0': math1('atan', Math.atan),
  'sinh/0': math1('sinh', Math.sinh),
  'cosh/0': math1('cosh', Math.cosh),
  'tanh/0': math1('tanh', Math.tanh),
  'asinh/0': math1('asinh', Math.asinh),
  'acosh/0': math1('acosh', Math.acosh),
  'atanh/0': math1('atanh', Math.atanh),
  'frexp/0': valueFn((v) => frexp(num('frexp', v))),
  'modf/0': valueFn((v) => {
    const x = num('modf', v);
    if (!Number.isFinite(x)) return [Number.isNaN(x) ? NaN : copysign(0, x), x];
    const i = Math.trunc(x);
    return [x - i === 0 ? copysign(0, x) : x - i, i];
  }),
  'pow/2': math2('pow', goPow),
  'atan2/2': math2('atan2', Math.atan2),
  'fmod/2': math2('fmod', (x, y) => x % y),
  'hypot/2': math2('hypot', Math.hypot),
  'copysign/2': math2('copysign', copysign),
  'remainder/2': math2('remainder', remainder),
  'drem/2': math2('drem', (x, y) => {
    const r = remainder(x, y);
    return r === 0 ? copysign(0, x) : r;
  }),
  'fdim/2': math2('fdim', fdim),
  'fmax/2': math2('fmax', (x, y) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.max(x, y))),
  'fmin/2': math2('fmin', (x, y) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : Math.min(x, y))),
  'nextafter/2': math2('nextafter', nextafter),
  'nexttoward/2': math2('nexttoward', nextafter),
  'ldexp/2': math2('ldexp', ldexpInt),
  'scalb/2': math2('scalb', ldexpInt),
  'scalbln/2': math2('scalbln', ldexpInt),
  'fma/3': valueFn((_v, a, b, c) => num('fma', a) * num('fma', b) + num('fma', c)),
};

export const MATH_UNSUPPORTED: Record<string, string> = {
  'erf/0': 'erf is not implemented in Eventide',
  'erfc/0': 'erfc is not implemented in Eventide',
  'j0/0': 'Bessel functions are not implemented in Eventide',
  'j1/0': 'Bessel functions are not implemented in Eventide',
  'y0/0': 'Bessel functions are not implemented in Eventide',
  'y1/0': 'Bessel functions are not implemented in Eventide',
  'jn/2': 'Bessel functions are not implemented in Eventide',
  'yn/2': 'Bessel functions are not implemented in Eventide',
};
