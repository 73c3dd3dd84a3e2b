// Destructuring: `. as [$a, {b: $c}] | …` and `?//` alternatives. A pattern compiles to a binder
// that fills variable slots (in scope order) and calls on once per binding.

import { indexValue } from './access.js';
import type { Node, Pattern } from './ast.js';
import { typePreview } from './encode.js';
import { JqRuntimeError } from './errors.js';
import { fail, type Env, type Op, type RunContext } from './runtime.js';
import { push, type Scope } from './scope.js';

export type CompileFn = (node: Node, scope: Scope | null) => Op;

type Binder = (ctx: RunContext, value: unknown, env: Env | null, slots: unknown[], k: () => void) => void;

/**
 * Compiles destructuring patterns. All variables of all `?//` alternatives are bound (null when
 * an alternative lacks one); an error in an alternative (or its body) moves on to the next.
 */
export function compilePatterns(
  compile: CompileFn,
  patterns: Pattern[],
  scope: Scope | null,
): {
  scope: Scope | null;
  bind: (ctx: RunContext, value: unknown, env: Env | null, body: (env: Env | null) => void) => void;
} {
  const names: string[] = [];
  const collectNames = (p: Pattern): void => {
    if (p.type === 'var') {
      if (!names.includes(p.name)) names.push(p.name);
    } else if (p.type === 'array') p.elements.forEach(collectNames);
    else
      for (const e of p.entries) {
        if (e.keyVar !== null && !names.includes(e.keyVar)) names.push(e.keyVar);
        if (e.value) collectNames(e.value);
      }
  };
  patterns.forEach(collectNames);
  let inner = scope;
  for (const name of names) inner = push(inner, { kind: 'var', name });
  const binders = patterns.map((p) => compilePattern(compile, p, names, scope));
  const n = names.length;
  const makeEnv = (env: Env | null, slots: unknown[]): Env | null => {
    let e = env;
    for (let i = 0; i < n; i++) e = { v: slots[i], up: e };
    return e;
  };
  const bind = (ctx: RunContext, value: unknown, env: Env | null, body: (env: Env | null) => void): void => {
    for (let a = 0; a < binders.length; a++) {
      const slots = new Array<unknown>(n).fill(null);
      const run = (): void => binders[a]!(ctx, value, env, slots, () => body(makeEnv(env, slots)));
      if (a === binders.length - 1) {
        run();
        return;
      }
      try {
        run();
        return;
      } catch (e) {
        if (!(e instanceof JqRuntimeError)) throw e;
      }
    }
  };
  return { scope: inner, bind };
}

function compilePattern(compile: CompileFn, p: Pattern, names: string[], scope: Scope | null): Binder {
  if (p.type === 'var') {
    const slot = names.indexOf(p.name);
    return (_c, value, _e, slots, k) => {
      slots[slot] = value;
      k();
    };
  }
  if (p.type === 'array') {
    const elems = p.elements.map((e) => compilePattern(compile, e, names, scope));
    return (ctx, value, env, slots, k) => {
      if (value !== null && !Array.isArray(value)) fail(`expected an array but got: ${typePreview(value)}`);
      const go = (i: number): void => {
        if (i === elems.length) k();
        else elems[i]!(ctx, indexValue(value, i), env, slots, () => go(i + 1));
      };
      go(0);
    };
  }
  const entries = p.entries.map((e) => ({
    key: compile(e.key, scope),
    slot: e.keyVar === null ? -1 : names.indexOf(e.keyVar),
    value: e.value ? compilePattern(compile, e.value, names, scope) : null,
  }));
  return (ctx, value, env, slots, k) => {
    const go = (i: number): void => {
      if (i === entries.length) {
        k();
        return;
      }
      const entry = entries[i]!;
      // gojq evaluates a computed key against the value being destructured.
      entry.key(ctx, value, undefined, env, (key) => {
        const v = indexValue(value, key);
        if (entry.slot >= 0) slots[entry.slot] = v;
        if (entry.value) entry.value(ctx, v, env, slots, () => go(i + 1));
        else go(i + 1);
      });
    };
    go(0);
  };
}
