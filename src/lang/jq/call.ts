// Calling a user-defined function: arguments become closures over the caller's environment,
// `$params` are evaluated (first parameter varying slowest), and nesting depth is bounded.

import { JqLimitError } from './errors.js';
import {
  MAX_CALL_DEPTH,
  type Closure,
  type Emit,
  type Env,
  type Op,
  type Path,
  type RunContext,
} from './runtime.js';
import { cellAt, type FuncInfo } from './scope.js';

export function userCall(hops: number, info: FuncInfo, args: Op[]): Op {
  const dollar: number[] = [];
  info.params.forEach((p, i) => {
    if (p.startsWith('$')) dollar.push(i);
  });
  const run = (ctx: RunContext, input: unknown, path: Path, calleeEnv: Env, emit: Emit): void => {
    ctx.tick();
    if (++ctx.depth > MAX_CALL_DEPTH) {
      throw new JqLimitError(
        `jq recursion too deep (over ${MAX_CALL_DEPTH} nested calls): make the recursion terminate or use reduce/until`,
      );
    }
    try {
      info.body!(ctx, input, path, calleeEnv, emit);
    } finally {
      ctx.depth--;
    }
  };
  return (ctx, input, path, env, emit) => {
    let calleeEnv: Env = cellAt(env, hops);
    for (const a of args) calleeEnv = { v: { op: a, env } satisfies Closure, up: calleeEnv };
    if (dollar.length === 0) {
      run(ctx, input, path, calleeEnv, emit);
      return;
    }
    // `$param`s: the first one varies slowest.
    const bindParam = (k: number, e: Env): void => {
      if (k === dollar.length) run(ctx, input, path, e, emit);
      else args[dollar[k]!]!(ctx, input, undefined, env, (v) => bindParam(k + 1, { v, up: e }));
    };
    bindParam(0, calleeEnv);
  };
}
