// sprig's list functions (list.go). Non-list arguments panic in Go with "Cannot ... on type K";
// a nil argument panics with a nil-pointer error, reproduced here as FuncErrors.

import { FuncError } from '../../errors.js';
import { GoInt, nilSlice, sliceType, typedSlice, type GoValue } from '../../values.js';
import { fn, type FuncMap } from '../types.js';
import { castToInt, deepEqual, isEmpty, kindOrPanic } from './convert.js';

const I = (v: GoValue): number => (v as GoInt).v;

function listOf(v: GoValue, what: string): GoValue[] {
  const kind = kindOrPanic(v);
  if (!Array.isArray(v)) throw new FuncError(`${what} ${kind}`);
  return v;
}

function inList(haystack: GoValue[], needle: GoValue): boolean {
  return haystack.some((h) => deepEqual(needle, h));
}

function goSliceIndex(l: GoValue[], start: number, end: number): GoValue[] {
  if (start < 0 || end < start || end > l.length)
    throw new FuncError('reflect.Value.Slice: slice index out of bounds');
  const out = l.slice(start, end);
  const t = sliceType(l);
  return t === '[]string' || t === '[]int' ? typedSlice(out, t) : out;
}

function chunk(size: number, l: GoValue[]): GoValue[][] {
  if (size <= 0) throw new FuncError('runtime error: makeslice: len out of range');
  const out: GoValue[][] = [];
  for (let i = 0; i < l.length; i += size) out.push(l.slice(i, i + size));
  return out;
}

type ListFn = (l: GoValue[], rest: GoValue[]) => GoValue;

/** Defines both `name` (panics) and `mustName` (returns the error) — same behaviour here. */
function pair(
  name: string,
  what: string,
  params: Array<'any' | 'int'>,
  f: ListFn,
  variadic?: 'any',
): FuncMap {
  const listIdx = params.indexOf('any');
  const impl = fn(
    params,
    (args) => {
      const l = listOf(args[listIdx], what);
      return f(
        l,
        args.filter((_, i) => i !== listIdx),
      );
    },
    variadic,
  );
  const mustName = 'must' + name[0]!.toUpperCase() + name.slice(1);
  return { [name]: impl, [mustName]: impl };
}

/** slice / mustSlice: the must variant only differs in Go's error return. */
function sliceFn() {
  return fn(
    ['any'],
    ([list, ...idx]) => {
      const kind = kindOrPanic(list);
      if (!Array.isArray(list)) throw new FuncError(`list should be type of slice or array but ${kind}`);
      if (list.length === 0) return null;
      const start = idx.length > 0 ? castToInt(idx[0]) : 0;
      const end = idx.length < 2 ? list.length : castToInt(idx[1]);
      return goSliceIndex(list, start, end);
    },
    'any',
  );
}

export const LIST_FUNCS: FuncMap = {
  list: fn([], (args) => [...args], 'any'),
  tuple: fn([], (args) => [...args], 'any'),
  ...pair('push', 'Cannot push on type', ['any', 'any'], (l, [v]) => [...l, v]),
  ...pair('append', 'Cannot push on type', ['any', 'any'], (l, [v]) => [...l, v]),
  ...pair('prepend', 'Cannot prepend on type', ['any', 'any'], (l, [v]) => [v, ...l]),
  ...pair('first', 'Cannot find first on type', ['any'], (l) => (l.length === 0 ? null : l[0])),
  ...pair('last', 'Cannot find last on type', ['any'], (l) => (l.length === 0 ? null : l[l.length - 1])),
  ...pair('rest', 'Cannot find rest on type', ['any'], (l) => (l.length === 0 ? nilSlice() : l.slice(1))),
  ...pair('initial', 'Cannot find initial on type', ['any'], (l) =>
    l.length === 0 ? nilSlice() : l.slice(0, -1),
  ),
  ...pair('reverse', 'Cannot find reverse on type', ['any'], (l) => [...l].reverse()),
  ...pair('compact', 'Cannot compact on type', ['any'], (l) => l.filter((x) => !isEmpty(x))),
  ...pair('uniq', 'Cannot find uniq on type', ['any'], (l) => {
    const dest: GoValue[] = [];
    for (const x of l) if (!inList(dest, x)) dest.push(x);
    return dest;
  }),
  ...pair(
    'without',
    'Cannot find without on type',
    ['any'],
    (l, omit) => l.filter((x) => !inList(omit, x)),
    'any',
  ),
  ...pair('chunk', 'Cannot chunk type', ['int', 'any'], (l, [size]) => chunk(I(size), l)),
  has: fn(['any', 'any'], ([needle, haystack]) => {
    if (haystack === null || haystack === undefined) return false;
    const l = listOf(haystack, 'Cannot find has on type');
    return inList(l, needle);
  }),
  mustHas: fn(['any', 'any'], ([needle, haystack]) => {
    if (haystack === null || haystack === undefined) return false;
    return inList(listOf(haystack, 'Cannot find has on type'), needle);
  }),
  slice: sliceFn(),
  mustSlice: sliceFn(),
  concat: fn(
    [],
    (lists) => {
      const res: GoValue[] = nilSlice();
      for (const l of lists) {
        const kind = kindOrPanic(l);
        if (!Array.isArray(l)) throw new FuncError(`Cannot concat type ${kind} as list`);
        res.push(...l);
      }
      return res.length === 0 ? res : [...res];
    },
    'any',
  ),
};
