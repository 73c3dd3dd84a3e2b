// sprig's dict functions (dict.go). Go maps are references: set/unset/merge mutate their
// argument, so compiled templates that use them render on a private copy of the input.
// Go iterates maps in random order; keys/values here come out sorted, which is one of the
// orders Go could produce.

import { FuncError } from '../../errors.js';
import { GoTime } from '../../time/go-time.js';
import {
  goTypeName,
  isGoMap,
  mapGet,
  mapHas,
  mapSet,
  newMap,
  sortedKeys,
  typedSlice,
  type GoMap,
  type GoValue,
} from '../../values.js';
import { fn, type FuncMap } from '../types.js';
import { isEmpty, strval } from './convert.js';

const M = (v: GoValue): GoMap => (v ?? newMap()) as GoMap;

/** mergo's isEmptyValue (dereferencing interfaces). */
function emptyForMerge(v: GoValue): boolean {
  if (v instanceof GoTime) return false;
  return isEmpty(v);
}

/** mergo.Merge / MergeWithOverwrite for map[string]interface{} as sprig calls them. */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): void {
  if (depth > 1000) throw new FuncError('merge: maps nested too deeply');
  for (const key of Object.keys(src)) {
    const s = mapGet(src, key);
    const hasD = mapHas(dst, key);
    const d = mapGet(dst, key);
    if (s === null || s === undefined) {
      if (overwrite) mapSet(dst, key, null);
      continue;
    }
    if (isGoMap(s)) {
      if (hasD && d !== null && d !== undefined && isGoMap(d)) mergeInto(d, s, overwrite, depth + 1);
    } else if (Array.isArray(s)) {
      // mergo tests emptiness of the whole maps here, not of the elements.
      if (overwrite || Object.keys(dst).length === 0) mapSet(dst, key, s);
      else mapSet(dst, key, hasD && d !== null ? d : []);
    }
    if (hasD && !emptyForMerge(d)) {
      if (Array.isArray(s)) continue;
      if (isGoMap(s) && d !== null && d !== undefined && isGoMap(d)) continue;
    }
    if (overwrite || !hasD || emptyForMerge(d)) mapSet(dst, key, s);
  }
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new FuncError('dig needs at least three arguments');
  const last = args[args.length - 1];
  const asMap = (v: GoValue): GoMap => {
    if (v === null || v === undefined || !isGoMap(v) || goTypeName(v) !== 'map[string]interface {}') {
      const got = v === null || v === undefined ? 'nil' : goTypeName(v);
      throw new FuncError(`interface conversion: interface {} is ${got}, not map[string]interface {}`);
    }
    return v;
  };
  let dict = asMap(last);
  const def = args[args.length - 2];
  const keys = args.slice(0, -2).map((k) => {
    if (typeof k !== 'string') {
      const got = k === null || k === undefined ? 'nil' : goTypeName(k);
      throw new FuncError(`interface conversion: interface {} is ${got}, not string`);
    }
    return k;
  });
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (!mapHas(dict, k)) return def;
    const step = mapGet(dict, k);
    if (i === keys.length - 1) return step;
    dict = asMap(step);
  }
  return def;
}

/** merge / mergeOverwrite and their must* twins: sprig's must variants only differ in Go's error return. */
function mergeFn(overwrite: boolean) {
  return fn(
    ['map'],
    ([dst, ...srcs]) => {
      const d = dst === null ? newMap() : M(dst);
      for (const src of srcs) if (src !== null) mergeInto(d, M(src), overwrite);
      return d;
    },
    'map',
  );
}

export const DICT_FUNCS: FuncMap = {
  dict: fn(
    [],
    (args) => {
      const m = newMap();
      for (let i = 0; i < args.length; i += 2) {
        const key = strval(args[i] ?? null);
        mapSet(m, key, i + 1 >= args.length ? '' : (args[i + 1] ?? null));
      }
      return m;
    },
    'any',
  ),
  get: fn(['map', 'string'], ([d, k]) => (mapHas(M(d), k as string) ? mapGet(M(d), k as string) : '')),
  set: fn(['map', 'string', 'any'], ([d, k, v]) => {
    if (d === null) throw new FuncError('assignment to entry in nil map');
    mapSet(M(d), k as string, v ?? null);
    return d;
  }),
  unset: fn(['map', 'string'], ([d, k]) => {
    if (d !== null) delete M(d)[k as string];
    return d;
  }),
  hasKey: fn(['map', 'string'], ([d, k]) => mapHas(M(d), k as string)),
  pluck: fn(
    ['string'],
    ([k, ...ds]) =>
      ds.filter((d) => d !== null && mapHas(M(d), k as string)).map((d) => mapGet(M(d), k as string)),
    'map',
  ),
  keys: fn(
    [],
    (ds) =>
      typedSlice(
        ds.flatMap((d) => sortedKeys(M(d))),
        '[]string',
      ),
    'map',
  ),
  values: fn(['map'], ([d]) => sortedKeys(M(d)).map((k) => mapGet(M(d), k))),
  pick: fn(
    ['map'],
    ([d, ...ks]) => {
      const res = newMap();
      for (const k of ks as string[]) if (mapHas(M(d), k)) mapSet(res, k, mapGet(M(d), k));
      return res;
    },
    'string',
  ),
  omit: fn(
    ['map'],
    ([d, ...ks]) => {
      const drop = new Set(ks as string[]);
      const res = newMap();
      for (const k of Object.keys(M(d))) if (!drop.has(k)) mapSet(res, k, mapGet(M(d), k));
      return res;
    },
    'string',
  ),
  merge: mergeFn(false),
  mustMerge: mergeFn(false),
  mergeOverwrite: mergeFn(true),
  mustMergeOverwrite: mergeFn(true),
  dig: fn([], (args) => dig(args), 'any'),
};

/** Functions that modify a map argument in place. */
export const MUTATING_DICT_FUNCS = new Set([
  'set',
  'unset',
  'merge',
  'mustMerge',
  'mergeOverwrite',
  'mustMergeOverwrite',
]);
