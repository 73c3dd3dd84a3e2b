// Copy-on-write helpers: sjson never changes the caller's document, so every container on the
// path to a change is copied and everything else is shared.

import { setOwn, type JsonObject } from '../gjson/own-key.js';

export function withEntry(
  container: JsonObject | unknown[],
  key: string | number,
  value: unknown,
): JsonObject | unknown[] {
  if (Array.isArray(container)) {
    const out = container.slice();
    out[key as number] = value;
    return out;
  }
  const out: JsonObject = { ...container };
  setOwn(out, key as string, value);
  return out;
}

export function withoutEntry(
  container: JsonObject | unknown[],
  key: string | number,
): JsonObject | unknown[] {
  if (Array.isArray(container)) {
    const out = container.slice();
    out.splice(key as number, 1);
    return out;
  }
  const out: JsonObject = { ...container };
  delete out[key as string];
  return out;
}

/** A private copy of a JSON value, so a value set into a document is not shared with the caller. */
export function cloneJson(v: unknown, depth = 0): unknown {
  if (typeof v !== 'object' || v === null || depth > 512) return v;
  if (Array.isArray(v)) return v.map((x) => cloneJson(x, depth + 1));
  const out: JsonObject = {};
  for (const key of Object.keys(v)) setOwn(out, key, cloneJson((v as JsonObject)[key], depth + 1));
  return out;
}
