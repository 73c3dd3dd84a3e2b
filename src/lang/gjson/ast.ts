// Compiled form of a gjson path. The shape follows how gjson itself walks a path: a "get path" is
// what gjson.Get receives (it may start with a modifier, a literal or a multipath), a "component"
// is one dotted step applied to the current object or array.

import type { WildcardPattern } from './wildcard.js';

/** gjson's built-in modifiers (all are recognised so paths split exactly where gjson splits them). */
export const MODIFIER_NAMES = [
  'pretty',
  'ugly',
  'reverse',
  'this',
  'flatten',
  'join',
  'valid',
  'keys',
  'values',
  'tostr',
  'fromstr',
  'group',
  'dig',
] as const;
export type ModifierName = (typeof MODIFIER_NAMES)[number];

/** Marker for "no value here" (gjson: a Result that does not exist). */
export const MISSING: unique symbol = Symbol('gjson.missing');

export type GetPath = ModifierPath | LiteralPath | MultiPath | ChainPath;

export interface ModifierPath {
  readonly k: 'modifier';
  readonly name: ModifierName;
  /** argument text after `:` ('' when none) */
  readonly arg: string;
  /** the argument parsed as JSON, undefined when it is not JSON */
  readonly argJson: unknown;
  /** the argument compiled as a path (used by @dig), null when there is none */
  readonly argPath: GetPath | null;
  /** path applied to the modifier output (after `.` or `|`), null when none */
  readonly then: GetPath | null;
}

export interface LiteralPath {
  readonly k: 'literal';
  /** a `!json` literal; MISSING when the literal is not one gjson understands */
  readonly value: unknown;
  readonly then: GetPath | null;
}

export interface Selector {
  /** key to use in an object multipath */
  readonly name: string;
  readonly path: GetPath;
}

export interface MultiPath {
  readonly k: 'multi';
  readonly object: boolean;
  readonly selectors: readonly Selector[];
  readonly then: GetPath | null;
}

export interface ChainPath {
  readonly k: 'chain';
  readonly head: Component;
  /** everything after the first top-level `|` (or `.@modifier`, `.[`, `.{`), applied to the result */
  readonly pipe: GetPath | null;
}

export type Component = KeyComponent | CountComponent | EachComponent | QueryComponent;

export interface KeyComponent {
  readonly k: 'key';
  /** object key with escapes removed (also the wildcard pattern when `wild`) */
  readonly part: string;
  /** set when the key holds an unescaped `*` or `?` */
  readonly pattern: WildcardPattern | null;
  /** array index this component selects, -1 when it cannot select an array element */
  readonly index: number;
  readonly next: Component | null;
}

/** `#` on its own: the length of an array. */
interface CountComponent {
  readonly k: 'count';
}

/** `#.path`: `path` evaluated on every array element, existing results collected. */
interface EachComponent {
  readonly k: 'each';
  readonly sub: GetPath;
}

export type QueryOp = '' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '%' | '!%' | '!';

export interface Query {
  /** source text of the left-hand path, '' when the query tests the element itself */
  readonly pathText: string;
  readonly path: GetPath;
  readonly op: QueryOp;
  /** right-hand value with quotes removed and escapes resolved */
  readonly value: string;
}

/** `#(query)` (first match) or `#(query)#` (all matches), then an optional per-match path. */
export interface QueryComponent {
  readonly k: 'query';
  readonly query: Query;
  readonly all: boolean;
  readonly more: GetPath | null;
}
