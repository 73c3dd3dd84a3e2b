// sjson Set/Delete (github.com/tidwall/sjson v1.2.5 semantics) over parsed JSON values.

import { gjsonLocate } from '../gjson/locate.js';
import { isJsonObject, setOwn, type JsonObject } from '../gjson/own-key.js';
import { cloneJson, withEntry, withoutEntry } from './copy.js';
import { SjsonError } from './errors.js';
import { parseSjsonPath, type ParsedSjsonPath, type SjsonComponent } from './parse-path.js';

/** sjson pads arrays with nulls up to the index set; we refuse indexes that would pad absurdly. */
export const MAX_ARRAY_INDEX = 100_000;

const NO_CHANGE: unique symbol = Symbol('sjson.noChange');

const MAX_CACHED = 1024;
const parsed = new Map<string, ParsedSjsonPath>();
function parsedPath(path: string): ParsedSjsonPath {
  let p = parsed.get(path);
  if (!p) {
    p = parseSjsonPath(path);
    if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value as string);
    parsed.set(path, p);
  }
  return p;
}

function isContainer(v: unknown): v is JsonObject | unknown[] {
  return typeof v === 'object' && v !== null;
}

function checkIndex(n: number, path: string): void {
  if (n > MAX_ARRAY_INDEX) {
    throw new SjsonError(
      `array index ${n} is larger than ${MAX_ARRAY_INDEX}; sjson would pad the array with that many nulls`,
      path,
    );
  }
}

/** The value a missing component j-1 gets: nested containers shaped by the components after it. */
function build(comps: readonly SjsonComponent[], j: number, value: unknown, path: string): unknown {
  const next = comps[j];
  if (!next) return value;
  const inner = build(comps, j + 1, value, path);
  if (next.numeric || (!next.force && next.part === '-1')) {
    const n = next.numeric ? Number(next.part) : 0;
    checkIndex(n, path);
    const arr: unknown[] = new Array<unknown>(n).fill(null);
    arr.push(inner);
    return arr;
  }
  const obj: JsonObject = {};
  setOwn(obj, next.part, inner);
  return obj;
}

/** Which existing entry component `c` addresses in `cur`, if any. */
function existingKey(cur: unknown, c: SjsonComponent, del: boolean): string | number | undefined {
  if (Array.isArray(cur)) {
    // Deleting "-1" removes the last element (setting "-1" always appends).
    if (del && c.part === '-1' && !c.force && cur.length > 0) return cur.length - 1;
    return c.index >= 0 && c.index < cur.length && cur[c.index] !== undefined ? c.index : undefined;
  }
  if (isJsonObject(cur) && Object.prototype.hasOwnProperty.call(cur, c.part) && cur[c.part] !== undefined) {
    return c.part;
  }
  return undefined;
}

function setAt(
  cur: unknown,
  comps: readonly SjsonComponent[],
  i: number,
  value: unknown,
  del: boolean,
  path: string,
): unknown {
  const c = comps[i]!;
  const last = i === comps.length - 1;
  const key = existingKey(cur, c, del);
  if (key !== undefined) {
    const container = cur as JsonObject | unknown[];
    if (del && last) return withoutEntry(container, key);
    if (last) return withEntry(container, key, value);
    const child = (container as Record<string | number, unknown>)[key];
    const r = setAt(child, comps, i + 1, value, del, path);
    return r === NO_CHANGE ? NO_CHANGE : withEntry(container, key, r);
  }
  if (del) return NO_CHANGE;
  // Missing: a scalar (or nothing) in the way is replaced by a new container.
  const container: JsonObject | unknown[] = isContainer(cur) ? cur : c.numeric ? [] : {};
  const created = build(comps, i + 1, value, path);
  if (!Array.isArray(container)) return withEntry(container, c.part, created);
  if (!c.numeric) {
    if (c.part === '-1' && !c.force) return [...container, created];
    throw new SjsonError(`cannot set array element for non-numeric key '${c.part}'`, path);
  }
  const n = Number(c.part);
  checkIndex(n, path);
  const out = container.slice();
  while (out.length < n) out.push(null);
  out[n] = created;
  return out;
}

/** sjson's setComplexPath: replaces the values a gjson path finds in place; creates nothing. */
function setComplex(doc: unknown, path: string, value: unknown): unknown {
  if (gjsonLocate(doc, path) === null) return doc;
  const copy = cloneJson(doc);
  const locations = gjsonLocate(copy, path) ?? [];
  for (const { parent, key } of locations) {
    (parent as Record<string | number, unknown>)[key] = cloneJson(value);
  }
  return copy;
}

/**
 * sjson.Set: `doc` with `value` at `path`. Returns a new document; `doc` is never changed (parts
 * of it that the path does not touch are shared with the result).
 */
export function sjsonSet(doc: unknown, path: string, value: unknown): unknown {
  if (path === '') throw new SjsonError('path cannot be empty', path);
  const p = parsedPath(path);
  const v = cloneJson(value);
  if (!p.simple) return setComplex(doc, path, v);
  const r = setAt(doc, p.components, 0, v, false, path);
  return r === NO_CHANGE ? doc : r;
}

/** sjson.Delete: `doc` without the value at `path` (unchanged when there is none). */
export function sjsonDelete(doc: unknown, path: string): unknown {
  if (path === '') throw new SjsonError('path cannot be empty', path);
  const p = parsedPath(path);
  if (!p.simple) throw new SjsonError('cannot delete value from a complex path', path);
  const r = setAt(doc, p.components, 0, undefined, true, path);
  return r === NO_CHANGE ? doc : r;
}
