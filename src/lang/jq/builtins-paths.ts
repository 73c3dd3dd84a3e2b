// Path builtins: path, paths, getpath/setpath/delpaths, del, pick, to_entries/from_entries/
// with_entries, map_values, walk, tostream/fromstream/truncate_stream.

import { getPath, indexValue, sliceValue } from './access.js';
import { lengthOf } from './builtins-values.js';
import { recurseAll } from './builtins-control.js';
import { emitComputed, evalArgs, StopSignal, type BuiltinTable, type NativeImpl } from './define.js';
import { preview, typePreview } from './encode.js';
import { MAX_NESTING, nestingError } from './errors.js';
import { collectPaths, NO_OUTPUT, writerFor } from './modify.js';
import {
  appendPath,
  checkIntact,
  fail,
  pathToArray,
  ROOT_PATH,
  type Env,
  type Op,
  type RunContext,
} from './runtime.js';
import { deletePaths, setPath } from './update.js';
import { compareValues, hasKey, isObject, isTruthy, setKey, sortedKeys, type JqObject } from './values.js';

function firstOutput(ctx: RunContext, f: Op, v: unknown, env: Env | null): unknown {
  const stop = new StopSignal();
  let out: unknown = NO_OUTPUT;
  try {
    f(ctx, v, undefined, env, (x) => {
      out = x;
      throw stop;
    });
  } catch (e) {
    if (e !== stop) throw e;
  }
  return out;
}

/** `.[] |= f`: first output replaces each element; elements with no output are dropped. */
function mapValues(ctx: RunContext, input: unknown, f: (v: unknown) => unknown): unknown {
  if (Array.isArray(input)) {
    const out: unknown[] = [];
    for (const x of input) {
      ctx.tick();
      const y = f(x);
      if (y !== NO_OUTPUT) out.push(y);
    }
    return out;
  }
  if (isObject(input)) {
    const out: JqObject = {};
    for (const k of sortedKeys(input)) {
      ctx.tick();
      const y = f(input[k]);
      if (y !== NO_OUTPUT) setKey(out, k, y);
    }
    return out;
  }
  return fail(`cannot iterate over: ${typePreview(input)}`);
}

function keysOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.map((_x, i) => i);
  if (isObject(v)) return sortedKeys(v);
  return fail(`keys cannot be applied to: ${typePreview(v)}`);
}

function toEntries(v: unknown): unknown[] {
  return keysOf(v).map((k) => ({ key: k, value: indexValue(v, k) }));
}

function fromEntries(v: unknown): unknown {
  const entries = Array.isArray(v)
    ? v
    : isObject(v)
      ? sortedKeys(v).map((k) => v[k])
      : fail(`cannot iterate over: ${typePreview(v)}`);
  const out: JqObject = {};
  for (const e of entries) {
    let key: unknown = null;
    for (const name of ['key', 'Key', 'name', 'Name']) {
      key = indexValue(e, name);
      if (isTruthy(key)) break;
    }
    if (typeof key !== 'string') fail(`expected a string for object key but got: ${typePreview(key)}`);
    const value = isObject(e) && hasKey(e, 'value') ? e['value'] : indexValue(e, 'Value');
    setKey(out, key, value);
  }
  return out;
}

/** gojq's walk: arrays map every output, objects keep the first output per value, then f. */
function walk(
  ctx: RunContext,
  v: unknown,
  f: Op,
  env: Env | null,
  emit: (x: unknown) => void,
  depth = 0,
): void {
  if (depth > MAX_NESTING) throw nestingError();
  ctx.tick();
  let w = v;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) walk(ctx, x, f, env, (y) => out.push(y), depth + 1);
    w = out;
  } else if (isObject(v)) {
    const out: JqObject = {};
    for (const k of sortedKeys(v)) {
      const stop = new StopSignal();
      let got: unknown = NO_OUTPUT;
      try {
        walk(
          ctx,
          v[k],
          f,
          env,
          (y) => {
            got = y;
            throw stop;
          },
          depth + 1,
        );
      } catch (e) {
        if (e !== stop) throw e;
      }
      if (got !== NO_OUTPUT) setKey(out, k, got);
    }
    w = out;
  }
  f(ctx, w, undefined, env, (x) => emit(x));
}

function tostream(v: unknown, path: unknown[], emit: (event: unknown) => void): void {
  if (path.length > MAX_NESTING) throw nestingError();
  const keys = Array.isArray(v) ? v.map((_x, i) => i) : isObject(v) ? sortedKeys(v) : [];
  if (keys.length === 0) {
    emit([path, v]);
    return;
  }
  for (const k of keys) tostream(indexValue(v, k), [...path, k], emit);
  emit([[...path, keys[keys.length - 1]]]);
}

const fromstream: NativeImpl = (ctx, input, path, env, emit, [f]) => {
  let state: unknown = null;
  let done = false;
  f!(ctx, input, undefined, env, (event) => {
    ctx.tick();
    if (done) {
      state = null;
      done = false;
    }
    const ev =
      event === null
        ? []
        : Array.isArray(event)
          ? event
          : fail(`expected an array but got: ${typePreview(event)}`);
    const p = ev[0] ?? null;
    const plen = lengthOf(p);
    if (ev.length === 2) {
      if (!Array.isArray(p)) fail(`cannot add: array (["v"]) and ${typePreview(p)}`);
      state = setPath(state, p, ev[1]);
      done = plen === 0;
    } else {
      done = plen === 1;
    }
    if (done) emitComputed(state, input, path, emit);
  });
};

export const PATH_BUILTINS: BuiltinTable = {
  'path/1': (ctx, input, path, env, emit, [f]) =>
    f!(ctx, input, ROOT_PATH, env, (_v, p) => emitComputed(pathToArray(p!), input, path, emit)),
  'paths/0': (ctx, input, path, _env, emit) =>
    recurseAll(ctx, input, ROOT_PATH, (_v, p) => {
      if (p !== ROOT_PATH) emitComputed(pathToArray(p!), input, path, emit);
    }),
  'paths/1': (ctx, input, path, env, emit, [f]) =>
    recurseAll(ctx, input, ROOT_PATH, (v, p) =>
      f!(ctx, v, undefined, env, (c) => {
        if (isTruthy(c) && p !== ROOT_PATH) emitComputed(pathToArray(p!), input, path, emit);
      }),
    ),
  'getpath/1': (ctx, input, path, env, emit, [p]) =>
    p!(ctx, input, undefined, env, (keys) => {
      const v = getPath(input, keys);
      checkIntact(path, input);
      emit(v, path && appendPath(path, keys as unknown[]));
    }),
  // Internal two-argument functions vary the first argument fastest.
  'setpath/2': (ctx, input, path, env, emit, args) =>
    evalArgs(ctx, input, env, args, false, ([p, v]) =>
      emitComputed(writerFor(ctx).set(input, p, v), input, path, emit),
    ),
  'delpaths/1': (ctx, input, path, env, emit, [ps]) =>
    ps!(ctx, input, undefined, env, (paths) => emitComputed(deletePaths(input, paths), input, path, emit)),
  'del/1': (ctx, input, path, env, emit, [f]) =>
    emitComputed(deletePaths(input, collectPaths(ctx, f!, input, env)), input, path, emit),
  'pick/1': (ctx, input, path, env, emit, [f]) => {
    const writer = writerFor(ctx);
    let out: unknown = null;
    for (const p of collectPaths(ctx, f!, input, env)) out = writer.set(out, p, getPath(input, p));
    emitComputed(out, input, path, emit);
  },
  'to_entries/0': (_c, input, path, _e, emit) => emitComputed(toEntries(input), input, path, emit),
  'from_entries/0': (_c, input, path, _e, emit) => emitComputed(fromEntries(input), input, path, emit),
  'with_entries/1': (ctx, input, path, env, emit, [f]) => {
    const mapped: unknown[] = [];
    for (const e of toEntries(input)) {
      ctx.tick();
      f!(ctx, e, undefined, env, (x) => mapped.push(x));
    }
    emitComputed(fromEntries(mapped), input, path, emit);
  },
  'map_values/1': (ctx, input, path, env, emit, [f]) =>
    emitComputed(
      mapValues(ctx, input, (v) => firstOutput(ctx, f!, v, env)),
      input,
      path,
      emit,
    ),
  'walk/1': (ctx, input, path, env, emit, [f]) =>
    walk(ctx, input, f!, env, (x) => emitComputed(x, input, path, emit)),
  'tostream/0': (ctx, input, path, _env, emit) =>
    tostream(input, [], (event) => {
      ctx.tick();
      emitComputed(event, input, path, emit);
    }),
  'fromstream/1': fromstream,
  'truncate_stream/1': (ctx, input, path, env, emit, [stream]) => {
    const depth = input;
    // `. as $n | null | stream | if .[0]|length > $n then .[0] |= .[$n:] else empty end`
    stream!(ctx, null, undefined, env, (event) => {
      const p = indexValue(event, 0);
      if (compareValues(lengthOf(p), depth) > 0) {
        emitComputed(setPath(event, [0], sliceValue(p, depth, null)), input, path, emit);
      }
    });
  },
  'keys/0': (_c, input, path, _e, emit) => emitComputed(keysOf(input), input, path, emit),
  'has/1': (ctx, input, path, env, emit, [k]) =>
    k!(ctx, input, undefined, env, (key) => emitComputed(has(input, key), input, path, emit)),
  'in/1': (ctx, input, path, env, emit, [xs]) =>
    xs!(ctx, input, undefined, env, (x) => emitComputed(has(x, input), input, path, emit)),
};

function has(v: unknown, key: unknown): boolean {
  if (isObject(v) && typeof key === 'string') return hasKey(v, key);
  if (Array.isArray(v) && typeof key === 'number') {
    const i = Math.trunc(key);
    return i >= 0 && i < v.length;
  }
  if (v === null) return false;
  return fail(`has(${preview(key)}) cannot be applied to: ${typePreview(v)}`);
}
