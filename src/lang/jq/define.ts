// Building blocks for native builtins: the builtin signature, argument evaluation in gojq's
// cartesian order, and the path-mode check for functions that compute new values.

import { brokenPath, type Emit, type Env, type Op, type Path, type RunContext } from './runtime.js';
import { MAX_STRING_BYTES } from '../budget/index.js';
import { JqLimitError } from './errors.js';

/** A builtin receives its arguments as unevaluated filters, bound to the caller's `env`. */
export type NativeImpl = (
  ctx: RunContext,
  input: unknown,
  path: Path,
  env: Env | null,
  emit: Emit,
  args: Op[],
) => void;

export type BuiltinTable = Record<string, NativeImpl>;

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/**
 * Emits a computed value. In path mode only a value identical to the input keeps its path
 * (gojq's "path intact" check); anything else carries a broken path that fails when used.
 */
export function emitComputed(v: unknown, input: unknown, path: Path, emit: Emit): void {
  if (path === undefined) emit(v, undefined);
  else emit(v, sameValue(v, input) ? path : brokenPath(v));
}

/**
 * Evaluates every argument against `input` and calls `cb` for each combination. gojq's internal
 * functions vary the first argument fastest; jq-defined ones with `$params` vary the last fastest.
 */
export function evalArgs(
  ctx: RunContext,
  input: unknown,
  env: Env | null,
  args: Op[],
  firstOuter: boolean,
  cb: (vals: unknown[]) => void,
): void {
  const n = args.length;
  const vals = new Array<unknown>(n);
  const step = (k: number): void => {
    if (k === n) {
      cb(vals.slice());
      return;
    }
    const idx = firstOuter ? k : n - 1 - k;
    args[idx]!(ctx, input, undefined, env, (v) => {
      vals[idx] = v;
      step(k + 1);
    });
  };
  step(0);
}

/**
 * Charges the step budget for building a large string or array, so a few doublings
 * (`reduce range(40) as $i ("x"; . + .)`) hit the bound instead of exhausting memory.
 */
/** Steps charged per object key copied: copying a key costs about four steps of `range` (measured). */
export const OBJECT_KEY_COPY_STEPS = 4;

export function chargeSize(ctx: RunContext, v: unknown): void {
  if (typeof v === 'string' && v.length > MAX_STRING_BYTES) {
    throw new JqLimitError(
      `jq program built a string of ${v.length} characters, over its budget of ${MAX_STRING_BYTES}`,
    );
  }
  if ((typeof v === 'string' || Array.isArray(v)) && v.length > 1024) ctx.tick(v.length >> 6);
  // Adding objects copies every key (`reduce … (.; . + {k: v})` would be quadratic and unpriced).
  else if (typeof v === 'object' && v !== null && !Array.isArray(v))
    ctx.tick(Object.keys(v).length * OBJECT_KEY_COPY_STEPS);
}

/** A builtin that maps its input (and evaluated arguments) to exactly one output value. */
export function valueFn(f: (input: unknown, ...args: unknown[]) => unknown, firstOuter = false): NativeImpl {
  return (ctx, input, path, env, emit, args) => {
    if (args.length === 0) {
      emitComputed(f(input), input, path, emit);
      return;
    }
    if (args.length === 1) {
      args[0]!(ctx, input, undefined, env, (a) => emitComputed(f(input, a), input, path, emit));
      return;
    }
    evalArgs(ctx, input, env, args, firstOuter, (vals) => emitComputed(f(input, ...vals), input, path, emit));
  };
}

/** Runs `op` and returns its outputs (value mode). */
export function collect(ctx: RunContext, op: Op, input: unknown, env: Env | null): unknown[] {
  const out: unknown[] = [];
  op(ctx, input, undefined, env, (v) => {
    out.push(v);
  });
  return out;
}

/** Thrown to stop a generator early; each use makes its own token so nesting is safe. */
export class StopSignal {
  private readonly _brand = 'stop';
}
