// sprig's numeric functions. Integer math goes through cast.ToInt64 (so floats truncate and
// bad strings become 0) and returns int64; the *f variants use decimal arithmetic.

import { FuncError } from '../../errors.js';
import { formatV } from '../../fmt/print.js';
import { parseGoInt } from '../../../go/parse-number.js';
import { GoInt, int64, typedSlice, type GoValue } from '../../values.js';
import { fn, type FuncMap } from '../types.js';
import { castToFloat, castToInt } from './convert.js';
import { decAdd, decDiv, decFromFloat, decMul, decSub, decToFloat, DecimalDivByZero } from './decimal.js';

const I = (v: GoValue): number => (v as GoInt).v;
const MAX_LIST = 1_000_000;

function goIntDiv(a: number, b: number): number {
  if (b === 0) throw new FuncError('runtime error: integer divide by zero');
  return Math.trunc(a / b);
}

function goIntMod(a: number, b: number): number {
  if (b === 0) throw new FuncError('runtime error: integer divide by zero');
  return a % b || 0;
}

function untilStep(start: number, stop: number, step: number): number[] {
  const v: number[] = [];
  const push = (i: number): void => {
    if (v.length >= MAX_LIST) throw new FuncError(`untilStep: more than ${MAX_LIST} elements`);
    v.push(i);
  };
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) push(i);
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) push(i);
  return v;
}

function seq(params: number[]): string {
  let increment = 1;
  switch (params.length) {
    case 0:
      return '';
    case 1: {
      const start = 1;
      const end = params[0]!;
      if (end < start) increment = -1;
      return untilStep(start, end + increment, increment).join(' ');
    }
    case 3: {
      const [start, step, end] = params as [number, number, number];
      if (end < start) {
        increment = -1;
        if (step > 0) return '';
      }
      return untilStep(start, end + increment, step).join(' ');
    }
    case 2: {
      const [start, end] = params as [number, number];
      const step = end < start ? -1 : 1;
      return untilStep(start, end + step, step).join(' ');
    }
    default:
      return '';
  }
}

function decimalOp(a: GoValue, rest: GoValue[], op: typeof decAdd): number {
  let acc = decFromFloat(castToFloat(a));
  try {
    for (const x of rest) acc = op(acc, decFromFloat(castToFloat(x)));
  } catch (e) {
    if (e instanceof DecimalDivByZero) throw new FuncError(e.message);
    throw e;
  }
  return decToFloat(acc);
}

function round(a: GoValue, p: number, roundOn: number): number {
  const val = castToFloat(a);
  const pow = Math.pow(10, p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function goMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? b : a;
  return a > b ? a : b;
}

function goMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) ? a : b;
  return a < b ? a : b;
}

export const MATH_FUNCS: FuncMap = {
  atoi: fn(['string'], ([s]) => {
    const r = parseGoInt(s as string, 10);
    return new GoInt(r.ok ? Number(r.value) : 0, 'int');
  }),
  int64: fn(['any'], ([v]) => int64(castToInt(v))),
  int: fn(['any'], ([v]) => new GoInt(castToInt(v), 'int')),
  float64: fn(['any'], ([v]) => castToFloat(v)),
  seq: fn([], (args) => seq(args.map(I)), 'int'),
  toDecimal: fn(['any'], ([v]) => {
    const r = parseGoInt(formatV(v === undefined ? null : v), 8);
    return int64(r.ok ? Number(r.value) : 0);
  }),
  until: fn(['int'], ([c]) => {
    const count = I(c);
    return typedSlice(
      untilStep(0, count, count < 0 ? -1 : 1).map((i) => new GoInt(i, 'int')),
      '[]int',
    );
  }),
  untilStep: fn(['int', 'int', 'int'], ([a, b, c]) =>
    typedSlice(
      untilStep(I(a), I(b), I(c)).map((i) => new GoInt(i, 'int')),
      '[]int',
    ),
  ),
  add1: fn(['any'], ([v]) => int64(castToInt(v) + 1)),
  add: fn([], (args) => int64(args.reduce<number>((s, x) => s + castToInt(x), 0)), 'any'),
  sub: fn(['any', 'any'], ([a, b]) => int64(castToInt(a) - castToInt(b))),
  div: fn(['any', 'any'], ([a, b]) => int64(goIntDiv(castToInt(a), castToInt(b)))),
  mod: fn(['any', 'any'], ([a, b]) => int64(goIntMod(castToInt(a), castToInt(b)))),
  mul: fn(
    ['any'],
    ([a, ...rest]) => int64(rest.reduce<number>((s, x) => s * castToInt(x), castToInt(a))),
    'any',
  ),
  add1f: fn(['any'], ([v]) => decimalOp(v, [new GoInt(1, 'int')], decAdd)),
  addf: fn([], (args) => decimalOp(0, args, decAdd), 'any'),
  subf: fn(['any'], ([a, ...rest]) => decimalOp(a, rest, decSub), 'any'),
  divf: fn(['any'], ([a, ...rest]) => decimalOp(a, rest, decDiv), 'any'),
  mulf: fn(['any'], ([a, ...rest]) => decimalOp(a, rest, decMul), 'any'),
  biggest: fn(
    ['any'],
    ([a, ...rest]) => int64(rest.reduce<number>((m, x) => Math.max(m, castToInt(x)), castToInt(a))),
    'any',
  ),
  max: fn(
    ['any'],
    ([a, ...rest]) => int64(rest.reduce<number>((m, x) => Math.max(m, castToInt(x)), castToInt(a))),
    'any',
  ),
  min: fn(
    ['any'],
    ([a, ...rest]) => int64(rest.reduce<number>((m, x) => Math.min(m, castToInt(x)), castToInt(a))),
    'any',
  ),
  maxf: fn(
    ['any'],
    ([a, ...rest]) => rest.reduce<number>((m, x) => goMax(m, castToFloat(x)), castToFloat(a)),
    'any',
  ),
  minf: fn(
    ['any'],
    ([a, ...rest]) => rest.reduce<number>((m, x) => goMin(m, castToFloat(x)), castToFloat(a)),
    'any',
  ),
  ceil: fn(['any'], ([a]) => Math.ceil(castToFloat(a))),
  floor: fn(['any'], ([a]) => Math.floor(castToFloat(a))),
  round: fn(
    ['any', 'int'],
    ([a, p, ...opt]) => round(a, I(p), opt.length > 0 ? (opt[0] as number) : 0.5),
    'float64',
  ),
};
