// Syntax tree of an expr-lang program. `pos` is the UTF-16 offset errors point at.

import type { GoRegexp } from '../goregexp/index.js';

export type Node =
  | { k: 'nil'; pos: number }
  | { k: 'bool'; value: boolean; pos: number }
  | { k: 'int'; value: bigint; pos: number }
  | { k: 'float'; value: number; pos: number }
  | { k: 'string'; value: string; pos: number }
  | { k: 'ident'; name: string; pos: number }
  /** `x in ["a", "b"]`: expr turns a list of string literals into a set lookup */
  | { k: 'stringSet'; values: ReadonlySet<string>; pos: number }
  | { k: 'unary'; op: string; node: Node; pos: number }
  | { k: 'binary'; op: string; left: Node; right: Node; pos: number; regex?: GoRegexp }
  | { k: 'member'; node: Node; prop: Node; optional: boolean; pos: number }
  /** a chain containing `?.`: a nil met by `?.` makes the whole chain nil */
  | { k: 'chain'; node: Node; pos: number }
  | { k: 'slice'; node: Node; from: Node | null; to: Node | null; pos: number }
  | { k: 'call'; callee: Node; args: Node[]; pos: number }
  | { k: 'builtin'; name: string; args: Node[]; pos: number }
  | { k: 'closure'; node: Node; pos: number }
  /** `#` (name ''), `#index`, `#acc`, or `.field` inside a closure */
  | { k: 'pointer'; name: string; pos: number }
  | { k: 'let'; name: string; value: Node; body: Node; pos: number }
  | { k: 'cond'; cond: Node; then: Node; else: Node; pos: number }
  | { k: 'array'; items: Node[]; pos: number }
  | { k: 'map'; pairs: { key: Node; value: Node }[]; pos: number };
