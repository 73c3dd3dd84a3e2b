// Conversions sprig relies on: spf13/cast's ToInt/ToInt64/ToFloat64 (errors become 0),
// sprig's strval and empty, reflect.DeepEqual and reflect.Kind names.

import { formatV, stringerValue } from '../../fmt/print.js';
import { parseGoFloat, parseGoInt } from '../../../go/parse-number.js';
import { GoTime } from '../../time/go-time.js';
import {
  GoInt,
  goKindName,
  goTypeName,
  isGoMap,
  isNilSlice,
  mapGet,
  mapHas,
  type GoValue,
} from '../../values.js';

/** cast's trimZeroDecimal: "12.000" → "12". */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    switch (s[i - 1]) {
      case '.':
        if (foundZero) return s.slice(0, i - 1);
        break;
      case '0':
        foundZero = true;
        break;
      default:
        return s;
    }
  }
  return s;
}

/** Go's int64(f) conversion; amd64 yields the "integer indefinite" value when out of range. */
function truncToInt64(f: number): number {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return -(2 ** 63);
  return Math.trunc(f) || 0;
}

/** cast.ToInt64 with the error dropped (sprig's toInt64/toInt). */
export function castToInt(v: GoValue): number {
  // cast has no case for named types like time.Duration: they convert to 0.
  if (v instanceof GoInt) return v.type === 'time.Duration' ? 0 : v.v;
  switch (typeof v) {
    case 'number':
      return truncToInt64(v);
    case 'string': {
      const r = parseGoInt(trimZeroDecimal(v));
      return r.ok ? Number(r.value) : 0;
    }
    case 'boolean':
      return v ? 1 : 0;
  }
  return 0;
}

/** cast.ToFloat64 with the error dropped. */
export function castToFloat(v: GoValue): number {
  if (v instanceof GoInt) return v.type === 'time.Duration' ? 0 : v.v;
  switch (typeof v) {
    case 'number':
      return v;
    case 'string': {
      const r = parseGoFloat(v);
      return r.ok ? r.value : 0;
    }
    case 'boolean':
      return v ? 1 : 0;
  }
  return 0;
}

/** sprig's strval: strings as is, Stringers through String(), else fmt's %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  const s = stringerValue(v);
  if (s !== undefined) return s;
  return formatV(v === undefined ? null : v);
}

/** sprig's empty: zero values, empty collections and nil are empty; structs never are. */
export function isEmpty(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'string':
      return v.length === 0;
  }
  if (v instanceof GoInt) return v.v === 0;
  if (v instanceof GoTime) return false;
  if (Array.isArray(v)) return v.length === 0;
  for (const _ in v) return false;
  return true;
}

/** reflect.DeepEqual on the value model. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (a instanceof GoInt) return a.v === (b as GoInt).v;
  if (a instanceof GoTime) {
    const t = b as GoTime;
    return a.sec === t.sec && a.nsec === t.nsec && a.loc === t.loc;
  }
  if (Array.isArray(a)) {
    const bb = b as GoValue[];
    if (isNilSlice(a) !== isNilSlice(bb) || a.length !== bb.length) return false;
    return a.every((x, i) => deepEqual(x, bb[i]));
  }
  if (isGoMap(a)) {
    const bb = b as Record<string, GoValue>;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(bb).length) return false;
    return ka.every((k) => mapHas(bb, k) && deepEqual(mapGet(a, k), mapGet(bb, k)));
  }
  return a === b;
}

/** reflect.TypeOf(v).Kind().String(), panicking like Go on nil. */
export function kindOrPanic(v: GoValue): string {
  if (v === undefined || v === null)
    throw new Error('runtime error: invalid memory address or nil pointer dereference');
  return goKindName(v);
}
