// Shape of a template function: its Go parameter types (which decide how Go's text/template
// converts and rejects arguments) and a pure implementation.

import type { GoValue } from '../values.js';

/**
 * Go parameter types used by text/template builtins and sprig:
 * `any` = interface{}, `reflect` = reflect.Value (builtins that see the raw value),
 * `map` = map[string]interface{}, `time` = time.Time.
 */
export type ParamType =
  'any' | 'reflect' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'map' | 'time' | 'duration';

export interface CallContext {
  /** Epoch milliseconds standing in for time.Now(). */
  readonly now: number;
}

export interface FuncDef {
  readonly params: readonly ParamType[];
  /** Element type of a trailing variadic parameter. */
  readonly variadic?: ParamType;
  /**
   * Returns the result, or throws FuncError for Go's (value, error) returns and for panics;
   * the executor reports it as `error calling NAME: ...`.
   */
  readonly call: (args: GoValue[], ctx: CallContext) => GoValue;
}

export type FuncMap = Record<string, FuncDef>;

export function goParamTypeName(t: ParamType): string {
  switch (t) {
    case 'any':
      return 'interface {}';
    case 'reflect':
      return 'reflect.Value';
    case 'map':
      return 'map[string]interface {}';
    case 'time':
      return 'time.Time';
    case 'duration':
      return 'time.Duration';
    default:
      return t;
  }
}

/** Go's canBeNil for a parameter type. */
export function canBeNil(t: ParamType): boolean {
  return t === 'any' || t === 'reflect' || t === 'map';
}

/** Shorthand constructor. */
export function fn(params: readonly ParamType[], call: FuncDef['call'], variadic?: ParamType): FuncDef {
  return variadic ? { params, variadic, call } : { params, call };
}
