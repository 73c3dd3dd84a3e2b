// Builtins over values and collections: length, contains, add, map, sorting and grouping,
// min/max, indices, flatten, transpose, bsearch, combinations, INDEX/JOIN, conversions.

import { indexValue, subarrayIndices } from './access.js';
import { add } from './arith.js';
import { isNormal } from './builtins-control.js';
import { fromjson, toboolean, tojson, tonumber, tostring } from './convert.js';
import { chargeSize, collect, emitComputed, valueFn, type BuiltinTable, type NativeImpl } from './define.js';
import { preview, typePreview } from './encode.js';
import { MAX_NESTING, nestingError } from './errors.js';
import { formatBuiltin } from './formats.js';
import { fail, type Env, type Op, type RunContext } from './runtime.js';
import { runeCount, utf8Length } from '../go/utf8.js';
import { explode } from './strings.js';
import { compareValues, hasKey, isObject, setKey, sortedKeys, type JqObject } from './values.js';

const func0 = (name: string, v: unknown): never => fail(`${name} cannot be applied to: ${typePreview(v)}`);
const func1 = (name: string, v: unknown, a: unknown): never =>
  fail(`${name}(${preview(a)}) cannot be applied to: ${typePreview(v)}`);

export function lengthOf(v: unknown): unknown {
  if (v === null) return 0;
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') return runeCount(v);
  if (Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  return func0('length', v);
}

/** Array elements, or object values in key order (gojq's `values` helper). */
function elementsOf(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return sortedKeys(v).map((k) => v[k]);
  return null;
}

/** true / false, or null where gojq's contains would fail (different types). */
function containsOrNull(a: unknown, b: unknown, depth = 0): boolean | null {
  if (depth > MAX_NESTING) throw nestingError();
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
  if (Array.isArray(a) && Array.isArray(b))
    return b.every((y) => a.some((x) => containsOrNull(x, y, depth + 1) === true));
  if (isObject(a) && isObject(b)) {
    return Object.keys(b).every((k) => hasKey(a, k) && containsOrNull(a[k], b[k], depth + 1) === true);
  }
  return a === b ? true : null;
}

function contains(a: unknown, b: unknown): boolean {
  return containsOrNull(a, b) ?? func1('contains', a, b);
}

function addAll(v: unknown): unknown {
  const xs = elementsOf(v) ?? func0('add', v);
  let acc: unknown = null;
  let parts: string[] | null = null;
  let ownArray: unknown[] | null = null; // an array built here, safe to append to
  for (const x of xs) {
    if (x === null) continue;
    if (Array.isArray(x) && Array.isArray(acc)) {
      if (acc !== ownArray) acc = ownArray = acc.slice();
      for (const y of x) ownArray!.push(y);
      continue;
    }
    // Join runs of strings at once instead of re-concatenating.
    if (typeof x === 'string' && (acc === null || typeof acc === 'string')) {
      (parts ??= acc === null ? [] : [acc as string]).push(x);
      acc = '';
      continue;
    }
    if (parts) {
      acc = parts.join('');
      parts = null;
    }
    acc = add(acc, x);
  }
  return parts ? parts.join('') : acc;
}

function mapOp(ctx: RunContext, input: unknown, env: Env | null, f: Op): unknown[] {
  const xs = elementsOf(input) ?? fail(`cannot iterate over: ${typePreview(input)}`);
  const out: unknown[] = [];
  for (const x of xs) {
    ctx.tick();
    f(ctx, x, undefined, env, (y) => out.push(y));
  }
  return out;
}

/** jq's `[f]` sort keys for sort_by & co. */
function keysBy(ctx: RunContext, xs: unknown[], env: Env | null, f: Op): unknown[][] {
  return xs.map((x) => {
    ctx.tick();
    return collect(ctx, f, x, env);
  });
}

function sortedItems(
  ctx: RunContext,
  name: string,
  input: unknown,
  env: Env | null,
  f: Op | null,
): { v: unknown; k: unknown }[] {
  if (!Array.isArray(input)) {
    if (f === null) return func0(name, input);
    const keys = mapOp(ctx, input, env, (c, x, _p, e, em) => em(collect(c, f, x, e), undefined));
    return func1(name, input, keys);
  }
  const keys = f === null ? input : keysBy(ctx, input, env, f);
  ctx.tick(input.length);
  const items = input.map((v, i) => ({ v, k: keys[i] }));
  // Array.prototype.sort is stable, like Go's sort.SliceStable.
  items.sort((a, b) => compareValues(a.k, b.k));
  return items;
}

const sortLike =
  (name: string, finish: (items: { v: unknown; k: unknown }[]) => unknown, withF: boolean): NativeImpl =>
  (ctx, input, path, env, emit, args) =>
    emitComputed(finish(sortedItems(ctx, name, input, env, withF ? args[0]! : null)), input, path, emit);

function groups(items: { v: unknown; k: unknown }[]): unknown[] {
  const out: unknown[][] = [];
  let last: unknown;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (i === 0 || compareValues(last, it.k) !== 0) {
      out.push([it.v]);
      last = it.k;
    } else out[out.length - 1]!.push(it.v);
  }
  return out;
}

function uniques(items: { v: unknown; k: unknown }[]): unknown[] {
  return groups(items).map((g) => (g as unknown[])[0]);
}

function minMax(
  ctx: RunContext,
  name: string,
  input: unknown,
  env: Env | null,
  f: Op | null,
  isMin: boolean,
): unknown {
  if (!Array.isArray(input)) return f === null ? func0(name, input) : func1(name, input, null);
  if (input.length === 0) return null;
  const keys = f === null ? input : keysBy(ctx, input, env, f);
  let best = 0;
  for (let i = 1; i < input.length; i++) {
    const c = compareValues(keys[best], keys[i]);
    // min keeps the first of equal keys, max the last (gojq's minMaxBy).
    if (isMin ? c > 0 : c <= 0) best = i;
  }
  return input[best];
}

function flatten(v: unknown, depth: unknown): unknown {
  const xs = elementsOf(v) ?? func0('flatten', v);
  if (typeof depth !== 'number') return func0('flatten', depth);
  if (depth < 0 || Number.isNaN(depth))
    return fail(`flatten depth should not be negative: ${preview(depth)}`);
  const out: unknown[] = [];
  const go = (ys: unknown[], d: number, level = 0): void => {
    if (level > MAX_NESTING) throw nestingError();
    for (const y of ys) {
      if (Array.isArray(y) && d !== 0) go(y, d - 1, level + 1);
      else out.push(y);
    }
  };
  go(xs, depth);
  return out;
}

function indexFn(name: string, pick: (positions: number[]) => unknown) {
  return (v: unknown, x: unknown): unknown => {
    if (v === null) return null;
    if (Array.isArray(v)) return pick(subarrayIndices(v, Array.isArray(x) ? x : [x]));
    if (typeof v === 'string' && typeof x === 'string') return pick(subarrayIndices(explode(v), explode(x)));
    return func1(name, v, x);
  };
}

function transpose(v: unknown): unknown {
  if (!Array.isArray(v)) return func0('transpose', v);
  let width = 0;
  for (const row of v) {
    if (!Array.isArray(row)) return func0('transpose', v);
    width = Math.max(width, row.length);
  }
  const out: unknown[][] = [];
  for (let j = 0; j < width; j++)
    out.push(v.map((row) => ((row as unknown[])[j] === undefined ? null : (row as unknown[])[j])));
  return out;
}

function bsearch(v: unknown, target: unknown): unknown {
  if (!Array.isArray(v)) return func1('bsearch', v, target);
  let lo = 0;
  let hi = v.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareValues(v[mid], target) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo < v.length && compareValues(v[lo], target) === 0 ? lo : -lo - 1;
}

/** All ways to pick one element from each array: `combinations`. */
function combinations(ctx: RunContext, rows: unknown, emit: (v: unknown[]) => void): void {
  const n = lengthOf(rows) as number;
  const pick: unknown[] = [];
  if (n > MAX_NESTING) throw nestingError();
  const go = (i: number): void => {
    if (i === n) {
      ctx.tick();
      emit(pick.slice());
      return;
    }
    const row = indexValue(rows, i);
    const xs = elementsOf(row) ?? fail(`cannot iterate over: ${typePreview(row)}`);
    for (const x of xs) {
      pick[i] = x;
      go(i + 1);
    }
  };
  go(0);
}

function indexBy(ctx: RunContext, input: unknown, env: Env | null, stream: Op, key: Op): JqObject {
  const out: JqObject = {};
  stream(ctx, input, undefined, env, (row) => {
    ctx.tick();
    key(ctx, row, undefined, env, (k) => setKey(out, tostring(k), row));
  });
  return out;
}

const iterateValues: Op = (_c, input, _p, _e, emit) => {
  for (const x of elementsOf(input) ?? fail(`cannot iterate over: ${typePreview(input)}`)) emit(x, undefined);
};

/** JOIN($idx; stream; idx_expr): `stream | [., $idx[idx_expr]]`. */
function joinRows(
  ctx: RunContext,
  input: unknown,
  env: Env | null,
  idx: unknown,
  stream: Op,
  key: Op,
  each: (pair: unknown[]) => void,
): void {
  stream(ctx, input, undefined, env, (row) => {
    ctx.tick();
    key(ctx, row, undefined, env, (k) => each([row, indexValue(idx, k)]));
  });
}

const JOIN_WITH: NativeImpl = (ctx, input, path, env, emit, [idx, stream, key, join]) =>
  idx!(ctx, input, undefined, env, (ix) =>
    joinRows(ctx, input, env, ix, stream!, key!, (pair) =>
      join!(ctx, pair, undefined, env, (v) => emitComputed(v, input, path, emit)),
    ),
  );

export const VALUE_BUILTINS: BuiltinTable = {
  'length/0': valueFn(lengthOf),
  'utf8bytelength/0': valueFn((v) => (typeof v === 'string' ? utf8Length(v) : func0('utf8bytelength', v))),
  'contains/1': valueFn(contains),
  'inside/1': valueFn((v, x) => contains(x, v)),
  'add/0': (ctx, input, path, _env, emit) => {
    const sum = addAll(input);
    chargeSize(ctx, sum);
    emitComputed(sum, input, path, emit);
  },
  'map/1': (ctx, input, path, env, emit, [f]) => emitComputed(mapOp(ctx, input, env, f!), input, path, emit),
  'tostring/0': valueFn(tostring),
  'tojson/0': valueFn(tojson),
  'fromjson/0': valueFn(fromjson),
  'tonumber/0': valueFn(tonumber),
  'toboolean/0': valueFn(toboolean),
  'format/1': valueFn(formatBuiltin),
  'reverse/0': valueFn((v) => (Array.isArray(v) ? v.slice().reverse() : func0('reverse', v))),
  'flatten/0': valueFn((v) => flatten(v, 1e9)),
  'flatten/1': valueFn(flatten),
  'sort/0': sortLike('sort', (items) => items.map((i) => i.v), false),
  'sort_by/1': sortLike('sort_by', (items) => items.map((i) => i.v), true),
  'group_by/1': sortLike('group_by', groups, true),
  'unique/0': sortLike('unique', uniques, false),
  'unique_by/1': sortLike('unique_by', uniques, true),
  'min/0': (ctx, input, path, env, emit) =>
    emitComputed(minMax(ctx, 'min', input, env, null, true), input, path, emit),
  'max/0': (ctx, input, path, env, emit) =>
    emitComputed(minMax(ctx, 'max', input, env, null, false), input, path, emit),
  'min_by/1': (ctx, input, path, env, emit, [f]) =>
    emitComputed(minMax(ctx, 'min_by', input, env, f!, true), input, path, emit),
  'max_by/1': (ctx, input, path, env, emit, [f]) =>
    emitComputed(minMax(ctx, 'max_by', input, env, f!, false), input, path, emit),
  'indices/1': valueFn(indexFn('indices', (ps) => ps)),
  'index/1': valueFn(indexFn('index', (ps) => (ps.length > 0 ? ps[0] : null))),
  'rindex/1': valueFn(indexFn('rindex', (ps) => (ps.length > 0 ? ps[ps.length - 1] : null))),
  'transpose/0': valueFn(transpose),
  'bsearch/1': valueFn(bsearch),
  'combinations/0': (ctx, input, path, _env, emit) =>
    combinations(ctx, input, (c) => emitComputed(c, input, path, emit)),
  'combinations/1': (ctx, input, path, env, emit, [n]) =>
    n!(ctx, input, undefined, env, (count) => {
      const k = typeof count === 'number' ? Math.max(0, Math.ceil(count)) : 0;
      combinations(ctx, new Array(k).fill(input), (c) => emitComputed(c, input, path, emit));
    }),
  'INDEX/1': (ctx, input, path, env, emit, [key]) =>
    emitComputed(indexBy(ctx, input, env, iterateValues, key!), input, path, emit),
  'INDEX/2': (ctx, input, path, env, emit, [stream, key]) =>
    emitComputed(indexBy(ctx, input, env, stream!, key!), input, path, emit),
  'JOIN/2': (ctx, input, path, env, emit, [idx, key]) =>
    idx!(ctx, input, undefined, env, (ix) => {
      const out: unknown[] = [];
      joinRows(ctx, input, env, ix, iterateValues, key!, (pair) => out.push(pair));
      emitComputed(out, input, path, emit);
    }),
  'JOIN/3': (ctx, input, path, env, emit, [idx, stream, key]) =>
    idx!(ctx, input, undefined, env, (ix) =>
      joinRows(ctx, input, env, ix, stream!, key!, (pair) => emitComputed(pair, input, path, emit)),
    ),
  'JOIN/4': JOIN_WITH,
  'abs/0': valueFn((v) => (typeof v === 'number' ? Math.abs(v) : func0('abs', v))),
  'infinite/0': valueFn(() => Infinity),
  'nan/0': valueFn(() => NaN),
  'isinfinite/0': valueFn((v) => typeof v === 'number' && (v === Infinity || v === -Infinity)),
  'isfinite/0': valueFn((v) => typeof v === 'number' && v !== Infinity && v !== -Infinity),
  'isnan/0': valueFn((v) =>
    typeof v === 'number' ? Number.isNaN(v) : v === null ? false : func0('isnan', v),
  ),
  'isnormal/0': valueFn(isNormal),
  'env/0': valueFn(() => ({})),
};
