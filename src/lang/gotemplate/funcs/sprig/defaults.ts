// sprig's defaults.go: default/empty/coalesce/all/any/ternary, JSON helpers, deepCopy, fail.

import { FuncError } from '../../errors.js';
import { JsonError, marshalJson, unmarshalJson } from '../../encoding/json.js';
import { GoInt } from '../../values.js';
import { GoTime } from '../../time/go-time.js';
import {
  mapGet,
  mapSet,
  newMap,
  isNilSlice,
  nilSlice,
  sliceType,
  typedSlice,
  mapType,
  typedMap,
  type GoValue,
} from '../../values.js';
import { fn, type FuncMap } from '../types.js';
import { isEmpty } from './convert.js';

export function deepCopy(v: GoValue): GoValue {
  if (v === undefined || v === null || typeof v !== 'object' || v instanceof GoInt || v instanceof GoTime)
    return v;
  if (Array.isArray(v)) {
    const out = isNilSlice(v) ? nilSlice() : v.map(deepCopy);
    const t = sliceType(v);
    return t === '[]string' || t === '[]int' ? typedSlice(out, t) : out;
  }
  const out = newMap();
  for (const k of Object.keys(v)) mapSet(out, k, deepCopy(mapGet(v, k)));
  return mapType(v) === 'map[string]string' ? typedMap(out, 'map[string]string') : out;
}

function toJson(v: GoValue, escapeHTML: boolean, indent: string, must: boolean): string {
  try {
    return marshalJson(v, escapeHTML, indent);
  } catch (e) {
    if (!(e instanceof JsonError)) throw e;
    if (must || !escapeHTML) throw new FuncError(e.message);
    return '';
  }
}

export const DEFAULT_FUNCS: FuncMap = {
  default: fn(['any'], ([d, ...given]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]), 'any'),
  empty: fn(['any'], ([v]) => isEmpty(v)),
  coalesce: fn([], (args) => args.find((v) => !isEmpty(v)) ?? null, 'any'),
  all: fn([], (args) => args.every((v) => !isEmpty(v)), 'any'),
  any: fn([], (args) => args.some((v) => !isEmpty(v)), 'any'),
  ternary: fn(['any', 'any', 'bool'], ([vt, vf, c]) => (c ? vt : vf)),
  fail: fn(['string'], ([msg]) => {
    throw new FuncError(msg as string, 'the template called fail');
  }),
  fromJson: fn(['string'], ([s]) => {
    try {
      return unmarshalJson(s as string);
    } catch (e) {
      if (e instanceof JsonError) return null;
      throw e;
    }
  }),
  mustFromJson: fn(['string'], ([s]) => {
    try {
      return unmarshalJson(s as string);
    } catch (e) {
      if (e instanceof JsonError) throw new FuncError(e.message);
      throw e;
    }
  }),
  toJson: fn(['any'], ([v]) => toJson(v, true, '', false)),
  mustToJson: fn(['any'], ([v]) => toJson(v, true, '', true)),
  toPrettyJson: fn(['any'], ([v]) => toJson(v, true, '  ', false)),
  mustToPrettyJson: fn(['any'], ([v]) => toJson(v, true, '  ', true)),
  // toRawJson panics on error, so it fails like its must variant.
  toRawJson: fn(['any'], ([v]) => toJson(v, false, '', true)),
  mustToRawJson: fn(['any'], ([v]) => toJson(v, false, '', true)),
  deepCopy: fn(['any'], ([v]) => deepCopy(v)),
  mustDeepCopy: fn(['any'], ([v]) => deepCopy(v)),
};
