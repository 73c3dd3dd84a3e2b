// Compile-time scope. It mirrors the runtime environment list entry for entry, so a name
// resolves to a fixed number of hops (see compile.ts) and never needs a lookup by name at run time.

import type { Env, Op } from './runtime.js';

export interface FuncInfo {
  params: string[];
  body: Op | null; // filled after the body compiles (recursion reads it at run time)
}

export type Entry =
  | { kind: 'var'; name: string }
  | { kind: 'param'; name: string } // closure parameter, callable with no arguments
  | { kind: 'func'; name: string; arity: number; info: FuncInfo }
  | { kind: 'label'; name: string };

export interface Scope {
  readonly entry: Entry;
  readonly up: Scope | null;
}

export function push(scope: Scope | null, entry: Entry): Scope {
  return { entry, up: scope };
}

export function find(
  scope: Scope | null,
  match: (e: Entry) => boolean,
): { hops: number; entry: Entry } | null {
  let hops = 0;
  for (let s = scope; s !== null; s = s.up, hops++) if (match(s.entry)) return { hops, entry: s.entry };
  return null;
}

export function cellAt(env: Env | null, hops: number): Env {
  let e = env;
  for (let i = 0; i < hops; i++) e = e!.up;
  return e!;
}
