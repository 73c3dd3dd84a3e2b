// Builds the `event` global the way Argo does (mapToTable in
// pkg/sensors/dependencies/transform.go): objects become tables keyed by string, arrays become
// 1-based sequences, numbers, strings and booleans carry over. Argo silently drops JSON nulls, and
// inside arrays it keeps only objects, numbers, strings and booleans, so nulls and nested arrays
// vanish and later elements move up ([1, null, 2] arrives as {1, 2}). We reproduce that.

import fengari from 'fengari';
import { LuaScriptError } from './errors.js';

const { lua, to_luastring } = fengari;

type LuaState = fengari.LuaState;

const MAX_DEPTH = 1000;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
// Lone surrogates cannot be encoded as UTF-8; Go's JSON decoder turns them into U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function luaBytes(s: string): Uint8Array {
  return to_luastring(s.replace(LONE_SURROGATE, '\uFFFD'));
}

function pushNumber(L: LuaState, n: number): void {
  // fengari's integers are 32-bit: larger whole numbers stay floats so they do not wrap.
  if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX) lua.lua_pushinteger(L, n);
  else lua.lua_pushnumber(L, n);
}

function ensureStack(L: LuaState, depth: number): void {
  if (depth > MAX_DEPTH || !lua.lua_checkstack(L, 3)) {
    throw new LuaScriptError(`event data is nested deeper than ${MAX_DEPTH} levels`, 'event-data');
  }
}

/** Pushes a scalar; false (nothing pushed) for values Argo drops. */
function pushScalar(L: LuaState, v: unknown): boolean {
  switch (typeof v) {
    case 'number':
      pushNumber(L, v);
      return true;
    case 'string':
      lua.lua_pushstring(L, luaBytes(v));
      return true;
    case 'boolean':
      lua.lua_pushboolean(L, v);
      return true;
    default:
      return false;
  }
}

function pushArray(L: LuaState, items: readonly unknown[], depth: number): void {
  ensureStack(L, depth);
  lua.lua_createtable(L, items.length, 0);
  let n = 0;
  for (const item of items) {
    if (isPlainObject(item)) pushObject(L, item, depth + 1);
    else if (!pushScalar(L, item)) continue;
    lua.lua_rawseti(L, -2, ++n);
  }
}

function pushObject(L: LuaState, obj: Record<string, unknown>, depth: number): void {
  ensureStack(L, depth);
  const keys = Object.keys(obj);
  lua.lua_createtable(L, 0, keys.length);
  for (const key of keys) {
    const v = obj[key];
    if (v === null || v === undefined) continue;
    // rawset on a fresh table: no metamethods to consult, a little cheaper than setfield.
    lua.lua_pushstring(L, luaBytes(key));
    if (Array.isArray(v)) pushArray(L, v, depth + 1);
    else if (isPlainObject(v)) pushObject(L, v, depth + 1);
    else if (!pushScalar(L, v)) {
      lua.lua_pop(L, 1);
      continue;
    }
    lua.lua_rawset(L, -3);
  }
}

/**
 * Pushes the event table for `data`. Argo unmarshals the payload into a Go map, so anything but a
 * JSON object (or null, which gives an empty table) is an error.
 */
export function pushEventTable(L: LuaState, data: unknown): void {
  if (data === null) {
    lua.lua_createtable(L, 0, 0);
    return;
  }
  if (!isPlainObject(data)) {
    const kind = Array.isArray(data) ? 'an array' : `a ${typeof data}`;
    throw new LuaScriptError(
      `event data must be a JSON object to be passed to a Lua script, got ${kind} ` +
        `(Argo unmarshals the payload into a map)`,
      'event-data',
    );
  }
  pushObject(L, data, 0);
}
