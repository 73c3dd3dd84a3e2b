// Writing values at paths: setpath, delpaths and the engine behind `=`, `|=`, `+=`, del().
// Inputs are never mutated. During one assignment, containers this module created are tracked
// in `owned` and mutated in place, so `.[] |= f` over n elements is O(n), not O(n²) copies.

import { clampIndex, toInt } from './access.js';
import { preview, typePreview } from './encode.js';
import { MAX_NESTING, nestingError } from './errors.js';
import { fail } from './runtime.js';
import { copyObject, getKey, hasKey, isObject, setKey, type JqObject } from './values.js';

/** Marks a slot to delete; swept out by `sweep` once all paths are marked. */
const DELETED: unique symbol = Symbol('deleted');
type Slot = unknown;

class UpdateError extends Error {}

/** What one assignment operation carries through the recursive update. */
interface WriteState {
  /** Containers created by this operation: safe to mutate in place. */
  readonly owned: Set<object>;
  /** Called before padding an array with many nulls (`.[100000] = 1`), to charge the work. */
  readonly charge: (added: number) => void;
  /** Called before copying a container of that many elements (copy-on-write), to charge the work:
   *  without it `reduce … (.; .[k] = v)` copies a growing object every turn, unpriced. */
  readonly chargeCopy: (elements: number) => void;
}

function owns(st: WriteState, v: unknown): boolean {
  return typeof v === 'object' && v !== null && st.owned.has(v);
}

function update(v: Slot, path: readonly unknown[], i: number, n: Slot, st: WriteState): Slot {
  if (i === path.length) return n;
  if (i > MAX_NESTING) throw nestingError();
  const key = path[i];
  if (typeof key === 'string') {
    if (v === DELETED) return v;
    if (v === null || isObject(v)) return updateObject(v, key, path, i, n, st);
    throw new UpdateError(`expected an object but got: ${typePreview(v)}`);
  }
  if (typeof key === 'number') {
    if (v === DELETED) return v;
    if (v === null || Array.isArray(v)) return updateIndex(v, toInt(key), path, i, n, st);
    throw new UpdateError(`expected an array but got: ${typePreview(v)}`);
  }
  if (isObject(key)) {
    if (v === DELETED) return v;
    if (v === null || Array.isArray(v)) return updateSlice(v, key, path, i, n, st);
    throw new UpdateError(`expected an array but got: ${typePreview(v)}`);
  }
  if (Array.isArray(v))
    throw new UpdateError(`expected a number for indexing an array but got: ${typePreview(key)}`);
  throw new UpdateError(`expected a string for object key but got: ${typePreview(key)}`);
}

function updateObject(
  v: JqObject | null,
  key: string,
  path: readonly unknown[],
  i: number,
  n: Slot,
  st: WriteState,
): Slot {
  const present = v !== null && hasKey(v, key);
  if (!present && n === DELETED) return v;
  const u = update(present ? getKey(v!, key) : null, path, i + 1, n, st);
  if (v !== null && st.owned.has(v)) {
    setKey(v, key, u);
    return v;
  }
  if (v !== null) st.chargeCopy(Object.keys(v).length);
  const w = v === null ? {} : copyObject(v);
  st.owned.add(w);
  setKey(w, key, u);
  return w;
}

function updateIndex(
  v: unknown[] | null,
  index: number,
  path: readonly unknown[],
  i: number,
  n: Slot,
  st: WriteState,
): Slot {
  const len = v === null ? 0 : v.length;
  const j = clampIndex(index, -1, len);
  let x: unknown = null;
  if (j < 0) {
    if (n === DELETED) return v;
    throw new UpdateError(`array index should not be negative: ${preview(index)}`);
  } else if (j < len) {
    index = j;
    x = v![index];
  } else {
    if (n === DELETED) return v;
    if (index >= 0x20000000) throw new UpdateError(`array index too large: ${preview(index)}`);
  }
  const u = update(x, path, i + 1, n, st);
  if (index - len > 1024) st.charge(index - len);
  if (v !== null && !st.owned.has(v)) st.chargeCopy(v.length);
  const w = v !== null && st.owned.has(v) ? v : v === null ? [] : v.slice();
  st.owned.add(w);
  while (w.length < index) w.push(null);
  w[index] = u;
  return w;
}

function updateSlice(
  v: unknown[] | null,
  key: JqObject,
  path: readonly unknown[],
  i: number,
  n: Slot,
  st: WriteState,
): Slot {
  if (!hasKey(key, 'start') || !hasKey(key, 'end')) {
    throw new UpdateError(`expected "start" and "end" for slicing but got: ${typePreview(key)}`);
  }
  const len = v === null ? 0 : v.length;
  const s = key['start'];
  const e = key['end'];
  let start = 0;
  let end = len;
  if (s !== null) {
    if (typeof s !== 'number')
      throw new UpdateError(`expected a number for indexing an array but got: ${typePreview(s)}`);
    start = clampIndex(toInt(s), 0, len);
  }
  if (e !== null) {
    if (typeof e !== 'number')
      throw new UpdateError(`expected a number for indexing an array but got: ${typePreview(e)}`);
    end = clampIndex(toInt(Math.ceil(e)), start, len);
  }
  if (start === end && n === DELETED) return v;
  const current = v === null ? [] : v.slice(start, end);
  const u = update(current, path, i + 1, n, st);
  const base = v ?? [];
  if (Array.isArray(u)) {
    const w = base.slice(0, start).concat(u, base.slice(end));
    st.owned.add(w);
    return w;
  }
  if (u === DELETED) {
    const w = owns(st, base) ? base : base.slice();
    st.owned.add(w);
    for (let k = start; k < end; k++) w[k] = DELETED;
    return w;
  }
  throw new UpdateError(`expected an array but got: ${typePreview(u)}`);
}

/** Removes DELETED slots; only containers created here can hold them. */
function sweep(v: Slot, st: WriteState, depth = 0): unknown {
  if (v === DELETED) return null;
  if (depth > MAX_NESTING) throw nestingError();
  if (!owns(st, v)) return v;
  if (Array.isArray(v)) {
    let j = 0;
    for (const w of v) if (w !== DELETED) v[j++] = sweep(w, st, depth + 1);
    v.length = j;
    return v;
  }
  const o = v as JqObject;
  for (const k of Object.keys(o)) {
    if (o[k] === DELETED) delete o[k];
    else o[k] = sweep(o[k], st, depth + 1);
  }
  return o;
}

/** One writer per assignment operation; reuse it for every path of that operation. */
export class PathWriter {
  private readonly st: WriteState;

  /** `charge` receives the number of null slots a write is about to add. */
  constructor(charge: (added: number) => void = () => {}, chargeCopy: (elements: number) => void = () => {}) {
    this.st = { owned: new Set<object>(), charge, chargeCopy };
  }

  set(v: unknown, path: unknown, n: unknown): unknown {
    if (!Array.isArray(path))
      return fail(`setpath(${preview(path)}) cannot be applied to: ${typePreview(v)}`);
    try {
      return update(v, path, 0, n, this.st);
    } catch (e) {
      if (e instanceof UpdateError) {
        return fail(
          `setpath(${preview(path)}; ${preview(n)}) cannot be applied to ${preview(v)}: ${e.message}`,
        );
      }
      throw e;
    }
  }

  delete(v: unknown, paths: unknown): unknown {
    if (!Array.isArray(paths))
      return fail(`delpaths(${preview(paths)}) cannot be applied to: ${typePreview(v)}`);
    if (paths.length === 0) return v;
    let u: Slot = v;
    for (const p of paths) {
      if (!Array.isArray(p)) {
        return fail(
          `delpaths(${preview(paths)}) cannot be applied to ${preview(v)}: expected an array but got: ${typePreview(p)}`,
        );
      }
      try {
        u = update(u, p, 0, DELETED, this.st);
      } catch (e) {
        if (e instanceof UpdateError)
          return fail(`delpaths(${preview(paths)}) cannot be applied to ${preview(v)}: ${e.message}`);
        throw e;
      }
    }
    return sweep(u, this.st);
  }
}

export function setPath(v: unknown, path: unknown, n: unknown): unknown {
  return new PathWriter().set(v, path, n);
}

export function deletePaths(v: unknown, paths: unknown): unknown {
  return new PathWriter().delete(v, paths);
}
