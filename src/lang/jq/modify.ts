// The assignment family on top of path expressions: `lhs = v`, `lhs |= f`, `lhs op= v`,
// map_values and del. Paths are computed on the original input, then applied in order.

import { getPath } from './access.js';
import type { Node } from './ast.js';
import { OBJECT_KEY_COPY_STEPS, StopSignal } from './define.js';
import { pathToArray, ROOT_PATH, type Env, type Op, type RunContext } from './runtime.js';
import { PathWriter } from './update.js';

/** A writer that charges the step budget when an assignment pads arrays. */
export function writerFor(ctx: RunContext): PathWriter {
  return new PathWriter(
    (added) => ctx.tick(added >> 6),
    // Copy-on-write of a container: priced per element, like adding objects.
    (elements) => ctx.tick(elements * OBJECT_KEY_COPY_STEPS),
  );
}

export function collectPaths(ctx: RunContext, lhs: Op, input: unknown, env: Env | null): unknown[][] {
  const paths: unknown[][] = [];
  lhs(ctx, input, ROOT_PATH, env, (_v, p) => {
    paths.push(pathToArray(p!));
  });
  return paths;
}

/** `lhs = value`: every path gets the same value. */
export function assignAll(
  ctx: RunContext,
  lhs: Op,
  input: unknown,
  env: Env | null,
  value: unknown,
): unknown {
  const writer = writerFor(ctx);
  let cur = input;
  for (const p of collectPaths(ctx, lhs, input, env)) cur = writer.set(cur, p, value);
  return cur;
}

/** Sentinel for "the update produced no output": jq 1.7 / gojq delete such paths. */
export const NO_OUTPUT: unique symbol = Symbol('no output');

/**
 * `lhs |= f`: each path's current value is replaced by f's first output, or deleted when f
 * yields nothing.
 */
export function modifyAll(
  ctx: RunContext,
  lhs: Op,
  input: unknown,
  env: Env | null,
  f: (current: unknown) => unknown,
): unknown {
  const paths = collectPaths(ctx, lhs, input, env);
  const writer = writerFor(ctx);
  let cur = input;
  const deletions: unknown[][] = [];
  for (const p of paths) {
    ctx.tick();
    const next = f(getPath(cur, p));
    if (next === NO_OUTPUT) deletions.push(p);
    else cur = writer.set(cur, p, next);
  }
  return deletions.length > 0 ? writer.delete(cur, deletions) : cur;
}

/** Adapts a filter to `modifyAll`'s callback: its first output, or NO_OUTPUT. */
export function firstOf(ctx: RunContext, op: Op, env: Env | null): (current: unknown) => unknown {
  return (current) => {
    const stop = new StopSignal();
    let out: unknown = NO_OUTPUT;
    try {
      op(ctx, current, undefined, env, (v) => {
        out = v;
        throw stop;
      });
    } catch (e) {
      if (e !== stop) throw e;
    }
    return out;
  };
}

/** `.a[0][1:2]` with literal keys as a path array; null for anything else. */
export function constantPath(node: Node): unknown[] | null {
  if (node.type === 'identity') return [];
  const literal = (n: Node | null): { ok: boolean; v: unknown } =>
    n === null
      ? { ok: true, v: null }
      : n.type === 'literal' && (typeof n.value === 'string' || (typeof n.value === 'number' && n.value >= 0))
        ? { ok: true, v: n.value }
        : { ok: false, v: null };
  if (node.type === 'index') {
    const base = constantPath(node.target);
    const k = literal(node.key);
    return base && k.ok && k.v !== null ? [...base, k.v] : null;
  }
  if (node.type === 'slice') {
    const base = constantPath(node.target);
    const from = literal(node.from);
    const to = literal(node.to);
    return base && from.ok && to.ok && typeof from.v !== 'string' && typeof to.v !== 'string'
      ? [...base, { start: from.v, end: to.v }]
      : null;
  }
  return null;
}
