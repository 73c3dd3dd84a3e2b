// Generators and control builtins: select, recurse, range, limit/first/last/nth, until/while/
// repeat, any/all/isempty, error/halt and the type selectors. Loops run iteratively with an
// explicit stack (not JS recursion) and charge a step per iteration, so infinite ones hit the bound.

import { indexValue } from './access.js';
import { emitComputed, StopSignal, type BuiltinTable, type NativeImpl } from './define.js';
import { toJson, typePreview } from './encode.js';
import { JqHaltError, JqRuntimeError } from './errors.js';
import {
  extendPath,
  fail,
  stepPath,
  type Emit,
  type Env,
  type Op,
  type Path,
  type RunContext,
} from './runtime.js';
import { add } from './arith.js';
import { compareValues, isObject, isTruthy, sortedKeys, typeName, valuesEqual } from './values.js';

/** `error(v)`: catchable, and `catch` receives v itself. */
function raise(v: unknown): never {
  const text = typeof v === 'string' ? v : toJson(v);
  throw new JqRuntimeError(`error: ${text}`, v, true);
}

/** The children `.[]?` yields, with their paths. */
function children(v: unknown, path: Path, out: [unknown, Path][]): void {
  if (path?.broken) return; // `.[]?` swallows the invalid-path error
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) out.push([v[i], extendPath(path, i)]);
  else if (isObject(v)) for (const k of sortedKeys(v)) out.push([v[k], extendPath(path, k)]);
}

/** Depth-first pre-order walk: `def r: ., (f | r); r` without JS recursion. */
function recurseWith(
  ctx: RunContext,
  input: unknown,
  path: Path,
  emit: Emit,
  expand: (v: unknown, p: Path, out: [unknown, Path][]) => void,
): void {
  const stack: [unknown, Path][] = [[input, path]];
  const kids: [unknown, Path][] = [];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    ctx.tick();
    emit(v, p);
    kids.length = 0;
    expand(v, p, kids);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

export function recurseAll(ctx: RunContext, input: unknown, path: Path, emit: Emit): void {
  recurseWith(ctx, input, path, emit, children);
}

const recurse1: NativeImpl = (ctx, input, path, env, emit, [f]) =>
  recurseWith(ctx, input, path, emit, (v, p, out) => f!(ctx, v, p, env, (cv, cp) => out.push([cv, cp])));

const recurse2: NativeImpl = (ctx, input, path, env, emit, [f, cond]) =>
  recurseWith(ctx, input, path, emit, (v, p, out) =>
    f!(ctx, v, p, env, (cv, cp) =>
      cond!(ctx, cv, undefined, env, (c) => {
        if (isTruthy(c)) out.push([cv, cp]);
      }),
    ),
  );

type Task = { emit: boolean; v: unknown; p: Path };

/**
 * Runs `def r: if cond then A else B end` style loops (until/while) with an explicit task stack.
 * `plan` lists, for one value, what comes next in output order.
 */
function loop(
  ctx: RunContext,
  input: unknown,
  path: Path,
  emit: Emit,
  plan: (v: unknown, p: Path, out: Task[]) => void,
): void {
  const stack: Task[] = [{ emit: false, v: input, p: path }];
  const next: Task[] = [];
  while (stack.length > 0) {
    const t = stack.pop()!;
    ctx.tick();
    if (t.emit) {
      emit(t.v, t.p);
      continue;
    }
    next.length = 0;
    plan(t.v, t.p, next);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
}

const until: NativeImpl = (ctx, input, path, env, emit, [cond, update]) =>
  loop(ctx, input, path, emit, (v, p, out) =>
    cond!(ctx, v, undefined, env, (c) => {
      if (isTruthy(c)) out.push({ emit: true, v, p });
      else update!(ctx, v, p, env, (u, up) => out.push({ emit: false, v: u, p: up }));
    }),
  );

const whileLoop: NativeImpl = (ctx, input, path, env, emit, [cond, update]) =>
  loop(ctx, input, path, emit, (v, p, out) =>
    cond!(ctx, v, undefined, env, (c) => {
      if (!isTruthy(c)) return;
      out.push({ emit: true, v, p });
      update!(ctx, v, p, env, (u, up) => out.push({ emit: false, v: u, p: up }));
    }),
  );

/** gojq's repeat: `def _repeat: f, _repeat;` — f applied to the same input, forever. */
const repeat: NativeImpl = (ctx, input, path, env, emit, [f]) => {
  for (;;) {
    ctx.tick();
    f!(ctx, input, path, env, emit);
  }
};

function rangeImpl(
  ctx: RunContext,
  input: unknown,
  path: Path,
  emit: Emit,
  from: unknown,
  to: unknown,
  step: unknown,
): void {
  for (const x of [from, to, step])
    if (typeof x !== 'number') fail(`range cannot be applied to: ${typePreview(x)}`);
  let v = from as number;
  const dir = compareValues(step, 0);
  while (dir * compareValues(v, to) < 0) {
    ctx.tick();
    emitComputed(v, input, path, emit);
    v += step as number;
  }
}

/** Evaluates `$param`s the jq-defined way: the first parameter varies slowest. */
function withParams(
  ctx: RunContext,
  input: unknown,
  env: Env | null,
  args: Op[],
  cb: (vals: unknown[]) => void,
): void {
  const vals: unknown[] = [];
  const go = (k: number): void => {
    if (k === args.length) cb(vals.slice());
    else
      args[k]!(ctx, input, undefined, env, (v) => {
        vals[k] = v;
        go(k + 1);
      });
  };
  go(0);
}

function countOf(n: unknown, name: string, what: string): number {
  if (typeof n === 'number') {
    if (n < 0 || Number.isNaN(n)) raise(`${name} doesn't support negative ${what}`);
    return n;
  }
  if (compareValues(n, 0) > 0) fail(`cannot subtract: ${typePreview(n)} and number (1)`);
  return raise(`${name} doesn't support negative ${what}`);
}

const limit: NativeImpl = (ctx, input, path, env, emit, [n, f]) =>
  n!(ctx, input, undefined, env, (count) => {
    let remaining = countOf(count, 'limit', 'count');
    if (remaining === 0) return;
    const stop = new StopSignal();
    try {
      f!(ctx, input, path, env, (v, p) => {
        remaining -= 1;
        emit(v, p);
        if (remaining <= 0) throw stop;
      });
    } catch (e) {
      if (e !== stop) throw e;
    }
  });

function skipImpl(
  ctx: RunContext,
  input: unknown,
  path: Path,
  env: Env | null,
  count: number,
  f: Op,
  emit: Emit,
): void {
  let remaining = count;
  f(ctx, input, path, env, (v, p) => {
    remaining -= 1;
    if (remaining < 0) emit(v, p);
  });
}

const skip: NativeImpl = (ctx, input, path, env, emit, [n, f]) =>
  n!(ctx, input, undefined, env, (count) =>
    skipImpl(ctx, input, path, env, countOf(count, 'skip', 'count'), f!, emit),
  );

function firstImpl(ctx: RunContext, input: unknown, path: Path, env: Env | null, f: Op, emit: Emit): void {
  const stop = new StopSignal();
  try {
    f(ctx, input, path, env, (v, p) => {
      emit(v, p);
      throw stop;
    });
  } catch (e) {
    if (e !== stop) throw e;
  }
}

const nth2: NativeImpl = (ctx, input, path, env, emit, [n, f]) =>
  n!(ctx, input, undefined, env, (count) => {
    if (typeof count === 'number' && (count < 0 || Number.isNaN(count)))
      raise("nth doesn't support negative index");
    const c = countOf(count, 'skip', 'count');
    firstImpl(ctx, input, path, env, (cx, i, p, e, em) => skipImpl(cx, i, p, e, c, f!, em), emit);
  });

/** True when `g` (run on input) yields anything; stops at the first output. */
function yieldsAny(
  ctx: RunContext,
  g: Op,
  input: unknown,
  env: Env | null,
  test: (v: unknown) => boolean,
): boolean {
  const stop = new StopSignal();
  try {
    g(ctx, input, undefined, env, (v) => {
      if (test(v)) throw stop;
    });
  } catch (e) {
    if (e === stop) return true;
    throw e;
  }
  return false;
}

const iterateOp: Op = (ctx, input, _p, _e, emit) => {
  if (Array.isArray(input)) {
    for (const x of input) {
      ctx.tick();
      emit(x, undefined);
    }
  } else if (isObject(input)) {
    for (const k of sortedKeys(input)) {
      ctx.tick();
      emit(input[k], undefined);
    }
  } else fail(`cannot iterate over: ${typePreview(input)}`);
};
const identityOp: Op = (_c, input, path, _e, emit) => emit(input, path);

/** any(gen; cond): some output of cond, for some output of gen, is truthy. */
function anyOf(ctx: RunContext, input: unknown, env: Env | null, gen: Op, cond: Op, want: boolean): boolean {
  return yieldsAny(
    ctx,
    (cx, i, _p, e, em) => gen(cx, i, undefined, e, (x) => cond(cx, x, undefined, e, (c) => em(c, undefined))),
    input,
    env,
    (c) => isTruthy(c) === want,
  );
}

const anyAll =
  (isAny: boolean, arity: number): NativeImpl =>
  (ctx, input, path, env, emit, args) => {
    const gen = arity === 2 ? args[0]! : iterateOp;
    const cond = arity === 0 ? identityOp : args[arity - 1]!;
    const found = anyOf(ctx, input, env, gen, cond, isAny);
    emitComputed(isAny ? found : !found, input, path, emit);
  };

const selectType =
  (test: (v: unknown) => boolean): NativeImpl =>
  (_c, input, path, _e, emit) => {
    if (test(input)) emit(input, path);
  };

const isNormal = (v: unknown): boolean =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) >= 2.2250738585072014e-308;

export const CONTROL_BUILTINS: BuiltinTable = {
  'empty/0': () => {},
  'error/0': (_c, input) => raise(input),
  'error/1': (ctx, input, _p, env, _emit, [msg]) => msg!(ctx, input, undefined, env, (m) => raise(m)),
  'halt/0': () => {
    throw new JqHaltError('halt error: null', null);
  },
  'halt_error/0': (_c, input) => {
    throw new JqHaltError(`halt error: ${typeof input === 'string' ? input : toJson(input)}`, input);
  },
  'halt_error/1': (ctx, input, _p, env, _emit, [code]) =>
    code!(ctx, input, undefined, env, (c) => {
      if (typeof c !== 'number') fail(`halt_error cannot be applied to: ${typePreview(c)}`);
      throw new JqHaltError(`halt error: ${typeof input === 'string' ? input : toJson(input)}`, input);
    }),
  'not/0': (_c, input, path, _e, emit) => emitComputed(!isTruthy(input), input, path, emit),
  'select/1': (ctx, input, path, env, emit, [f]) =>
    f!(ctx, input, undefined, env, (c) => {
      if (isTruthy(c)) emit(input, path);
    }),
  'recurse/0': (ctx, input, path, _env, emit) => recurseAll(ctx, input, path, emit),
  'recurse/1': recurse1,
  'recurse/2': recurse2,
  'until/2': until,
  'while/2': whileLoop,
  'repeat/1': repeat,
  'range/1': (ctx, input, path, env, emit, [to]) =>
    to!(ctx, input, undefined, env, (t) => rangeImpl(ctx, input, path, emit, 0, t, 1)),
  'range/2': (ctx, input, path, env, emit, args) =>
    withParams(ctx, input, env, args, ([f, t]) => rangeImpl(ctx, input, path, emit, f, t, 1)),
  'range/3': (ctx, input, path, env, emit, args) =>
    withParams(ctx, input, env, args, ([f, t, s]) => rangeImpl(ctx, input, path, emit, f, t, s)),
  'limit/2': limit,
  'skip/2': skip,
  'first/0': (_c, input, path, _e, emit) => emit(indexValue(input, 0), stepPath(path, input, 0)),
  'last/0': (_c, input, path, _e, emit) => emit(indexValue(input, -1), stepPath(path, input, -1)),
  'nth/1': (ctx, input, path, env, emit, [n]) =>
    n!(ctx, input, undefined, env, (i) => emit(indexValue(input, i), stepPath(path, input, i))),
  'first/1': (ctx, input, path, env, emit, [f]) => firstImpl(ctx, input, path, env, f!, emit),
  'last/1': (ctx, input, path, env, emit, [f]) => {
    let got = false;
    let last: unknown;
    let lastPath: Path;
    f!(ctx, input, path, env, (v, p) => {
      got = true;
      last = v;
      lastPath = p;
    });
    if (got) emit(last, lastPath);
  },
  'nth/2': nth2,
  'isempty/1': (ctx, input, path, env, emit, [g]) =>
    emitComputed(!yieldsAny(ctx, g!, input, env, () => true), input, path, emit),
  'any/0': anyAll(true, 0),
  'any/1': anyAll(true, 1),
  'any/2': anyAll(true, 2),
  'all/0': anyAll(false, 0),
  'all/1': anyAll(false, 1),
  'all/2': anyAll(false, 2),
  'IN/1': (ctx, input, path, env, emit, [s]) =>
    emitComputed(
      yieldsAny(ctx, s!, input, env, (x) => valuesEqual(x, input)),
      input,
      path,
      emit,
    ),
  'IN/2': (ctx, input, path, env, emit, [src, s]) => {
    const found = yieldsAny(
      ctx,
      (cx, i, _p, e, em) =>
        s!(cx, i, undefined, e, (b) => src!(cx, i, undefined, e, (a) => em(valuesEqual(a, b), undefined))),
      input,
      env,
      (eq) => eq === true,
    );
    emitComputed(found, input, path, emit);
  },
  'arrays/0': selectType((v) => Array.isArray(v)),
  'objects/0': selectType(isObject),
  'iterables/0': selectType((v) => typeof v === 'object' && v !== null),
  'booleans/0': selectType((v) => typeof v === 'boolean'),
  'numbers/0': selectType((v) => typeof v === 'number'),
  'strings/0': selectType((v) => typeof v === 'string'),
  'nulls/0': selectType((v) => v === null),
  'values/0': selectType((v) => v !== null),
  'scalars/0': selectType((v) => typeof v !== 'object' || v === null),
  'finites/0': selectType((v) => typeof v === 'number' && Number.isFinite(v)),
  'normals/0': selectType(isNormal),
  'type/0': (_c, input, path, _e, emit) => emitComputed(typeName(input), input, path, emit),
  'add/1': (ctx, input, path, env, emit, [f]) => {
    let acc: unknown = null;
    f!(ctx, input, undefined, env, (v) => {
      if (v !== null) acc = add(acc, v);
    });
    emitComputed(acc, input, path, emit);
  },
};

export { isNormal };
