// Static types the checker infers. Without an env schema (Argo compiles with none) identifiers are
// `any`, so only literals and what is built from them have known types; expr rejects mismatches
// among those at compile time, even in branches that would never run.

type TypeKind = 'any' | 'nil' | 'bool' | 'int' | 'float' | 'string' | 'array' | 'map' | 'func';

export interface Type {
  readonly kind: TypeKind;
  /** element type of arrays and maps */
  readonly elem?: Type;
  /** for array literals whose items share one kind: that kind (expr checks `x in [...]` against it) */
  readonly literalElem?: Type;
  /** Go spelling when it differs from the default for the kind */
  readonly goName?: string;
}

export const ANY: Type = { kind: 'any' };
export const NIL: Type = { kind: 'nil' };
export const BOOL: Type = { kind: 'bool' };
export const INT: Type = { kind: 'int' };
export const FLOAT: Type = { kind: 'float' };
export const STRING: Type = { kind: 'string' };
export const ARRAY: Type = { kind: 'array', elem: ANY };
export const MAP: Type = { kind: 'map', elem: ANY };
export const INT_ARRAY: Type = { kind: 'array', elem: INT };
export const STRING_ARRAY: Type = { kind: 'array', elem: STRING };
export const GROUPS: Type = { kind: 'map', elem: ARRAY, goName: 'map[interface {}][]interface {}' };

export const arrayOf = (elem: Type): Type => ({ kind: 'array', elem });

export function typeName(t: Type): string {
  if (t.goName) return t.goName;
  switch (t.kind) {
    case 'any':
      return 'interface {}';
    case 'nil':
      return '<nil>';
    case 'float':
      return 'float64';
    case 'array':
      return `[]${typeName(t.elem ?? ANY)}`;
    case 'map':
      return 'map[string]interface {}';
    case 'func':
      return 'func(...interface {}) (interface {}, error)';
    default:
      return t.kind;
  }
}

export const isAny = (t: Type): boolean => t.kind === 'any';
export const isNumber = (t: Type): boolean => t.kind === 'int' || t.kind === 'float';
export const isInteger = (t: Type): boolean => t.kind === 'int';
export const isStringType = (t: Type): boolean => t.kind === 'string';
export const isBoolType = (t: Type): boolean => t.kind === 'bool';
export const isArrayType = (t: Type): boolean => t.kind === 'array';
export const isMapType = (t: Type): boolean => t.kind === 'map';

/** expr's `or(l, r, preds...)`: both unknown, or one unknown and the other passing a predicate. */
export function eitherAny(l: Type, r: Type, ...preds: ((t: Type) => boolean)[]): boolean {
  if (isAny(l) && isAny(r)) return true;
  if (isAny(l) && preds.some((p) => p(r))) return true;
  if (isAny(r) && preds.some((p) => p(l))) return true;
  return false;
}

export function isComparable(l: Type | undefined, r: Type | undefined): boolean {
  if (!l || !r || l.kind === 'nil' || r.kind === 'nil') return true;
  if (l.kind === r.kind) return true;
  if (isNumber(l) && isNumber(r)) return true;
  return isAny(l) || isAny(r);
}

/** Result type of + - * on two numbers: same kind stays, otherwise float. */
export function combined(a: Type, b: Type): Type {
  if (a.kind === b.kind) return a;
  return a.kind === 'float' || b.kind === 'float' ? FLOAT : INT;
}

/** Go assignability as far as these types can tell. */
export function assignable(from: Type, to: Type): boolean {
  if (isAny(to)) return true;
  if (from.kind !== to.kind) return false;
  if (from.kind === 'array') return typeName(from) === typeName(to);
  return true;
}
