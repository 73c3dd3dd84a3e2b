// How Go values are represented here. JSON data maps directly: float64 → number, string,
// bool, []interface{} → array, map[string]interface{} → plain object, nil → null. Values Go
// types differently (int vs int64 vs float64, []string, time.Time) carry their type so that
// comparisons, argument checks and `typeOf` behave as in Go.
//
// `undefined` is Go's invalid reflect.Value (a missing map key prints "<no value>");
// `null` is a nil interface{} (a JSON null).

import { compareGoStrings } from '../go/compare-strings.js';
import { GoTime } from './time/go-time.js';

export type IntType = 'int' | 'int64' | 'int32' | 'uint8' | 'time.Month' | 'time.Weekday' | 'time.Duration';

export class GoInt {
  constructor(
    readonly v: number,
    readonly type: IntType,
  ) {}
}

export type GoValue = undefined | null | boolean | number | string | GoInt | GoTime | GoValue[] | GoMap;

export interface GoMap {
  [key: string]: GoValue;
}

const SLICE_TYPE = Symbol('goSliceType');
const MAP_TYPE = Symbol('goMapType');
const NIL_SLICE = Symbol('goNilSlice');

type Tagged = { [SLICE_TYPE]?: string; [MAP_TYPE]?: string; [NIL_SLICE]?: boolean };

/** Marks an array as a typed Go slice such as []string (printing is unaffected). */
export function typedSlice<T extends GoValue[]>(arr: T, goType: '[]string' | '[]int'): T {
  Object.defineProperty(arr, SLICE_TYPE, { value: goType });
  return arr;
}

/** A nil []interface{}: prints as [] but marshals to JSON null. */
export function nilSlice(): GoValue[] {
  const arr: GoValue[] = [];
  Object.defineProperty(arr, NIL_SLICE, { value: true });
  return arr;
}

export function isNilSlice(arr: GoValue[]): boolean {
  return (arr as Tagged)[NIL_SLICE] === true;
}

export function typedMap(m: GoMap, goType: 'map[string]string'): GoMap {
  Object.defineProperty(m, MAP_TYPE, { value: goType });
  return m;
}

export function newMap(): GoMap {
  return {};
}

export function int64(v: number): GoInt {
  return new GoInt(v, 'int64');
}

export function isGoMap(v: GoValue): v is GoMap {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof GoTime)
  );
}

export function sliceType(arr: GoValue[]): string {
  return (arr as Tagged)[SLICE_TYPE] ?? '[]interface {}';
}

export function mapType(m: GoMap): string {
  return (m as Tagged)[MAP_TYPE] ?? 'map[string]interface {}';
}

const hasOwn = Object.prototype.hasOwnProperty;

export function mapHas(m: GoMap, key: string): boolean {
  return hasOwn.call(m, key);
}

export function mapGet(m: GoMap, key: string): GoValue {
  return hasOwn.call(m, key) ? m[key] : undefined;
}

/** Sets a key without tripping over "__proto__" and friends. */
export function mapSet(m: GoMap, key: string, value: GoValue): void {
  Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Map keys in the order Go's fmt and range use (sorted). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareGoStrings);
}

/** Go's %T for a value. */
export function goTypeName(v: GoValue): string {
  if (v === undefined || v === null) return '<nil>';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.type;
  if (v instanceof GoTime) return 'time.Time';
  if (Array.isArray(v)) return sliceType(v);
  return mapType(v);
}

/** reflect.Kind name. */
export function goKindName(v: GoValue): string {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) {
    if (v.type === 'time.Duration') return 'int64';
    if (v.type === 'time.Month' || v.type === 'time.Weekday') return 'int';
    return v.type;
  }
  if (v instanceof GoTime) return 'struct';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}
