// Reads a script's result back into JSON the way Argo does (toGoValue in
// pkg/sensors/dependencies/transform.go, then encoding/json):
// - a table whose metatable has __is_array = true is an array;
// - otherwise a table with any positive integer key is an array of 1..max key (holes are null,
//   other keys are dropped); with none it is an object, number keys printed as gopher-lua does;
// - so an empty table is {} unless marked with __is_array;
// - NaN and infinities are rejected (encoding/json refuses them), as are functions and coroutines.
// Object keys come out sorted, as encoding/json writes map keys.

import fengari from 'fengari';
import { LuaScriptError } from './errors.js';
import { compareGoStrings } from '../go/compare-strings.js';
import { goNumberText } from './go-number-text.js';

const { lua, to_jsstring } = fengari;

type LuaState = fengari.LuaState;

const MAX_DEPTH = 1000;
/** gopher-lua only keeps integer keys below this in a table's array part (MaxArrayIndex). */
const ARRAY_INDEX_LIMIT = 67108864;
/** Beyond this, a sparse "array" would be mostly nulls; refuse rather than allocate it. */
const MAX_ARRAY_LENGTH = 1_000_000;

interface Walk {
  seen: Set<object>;
}

function fail(message: string, path: string): never {
  throw new LuaScriptError(`${message} at ${path}`, 'result');
}

export function luaText(L: LuaState, idx: number): string {
  const bytes = lua.lua_tostring(L, idx);
  return bytes ? to_jsstring(bytes, 0, bytes.length, true) : '';
}

function isArrayIndex(L: LuaState, idx: number): number {
  if (lua.lua_type(L, idx) !== lua.LUA_TNUMBER) return 0;
  const k = lua.lua_tonumber(L, idx);
  return Number.isInteger(k) && k >= 1 && k < ARRAY_INDEX_LIMIT ? k : 0;
}

function markedAsArray(L: LuaState, t: number): boolean {
  if (!lua.lua_getmetatable(L, t)) return false;
  lua.lua_pushstring(L, '__is_array');
  lua.lua_rawget(L, -2);
  const marked = lua.lua_type(L, -1) === lua.LUA_TBOOLEAN && lua.lua_toboolean(L, -1);
  lua.lua_pop(L, 2);
  return marked;
}

function keyText(L: LuaState, idx: number, path: string): string {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TSTRING:
      return luaText(L, idx);
    case lua.LUA_TNUMBER:
      return goNumberText(lua.lua_tonumber(L, idx));
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx) ? 'true' : 'false';
    default:
      return fail(`a ${typeName(L, idx)} key cannot become a JSON object key`, path);
  }
}

function typeName(L: LuaState, idx: number): string {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TFUNCTION) return 'function';
  if (t === lua.LUA_TTHREAD) return 'coroutine';
  if (t === lua.LUA_TTABLE) return 'table';
  return 'userdata';
}

function tableToJson(L: LuaState, t: number, path: string, depth: number, walk: Walk): unknown {
  if (depth > MAX_DEPTH) fail(`result is nested deeper than ${MAX_DEPTH} levels`, path);
  const identity = lua.lua_topointer(L, t);
  if (identity) {
    if (walk.seen.has(identity)) fail('a table contains itself, which JSON cannot represent', path);
    walk.seen.add(identity);
  }
  if (!lua.lua_checkstack(L, 4)) fail('result is nested too deeply', path);

  let maxIndex = 0;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, t) !== 0) {
    lua.lua_pop(L, 1);
    const k = isArrayIndex(L, -1);
    if (k > maxIndex) maxIndex = k;
  }

  let result: unknown;
  if (maxIndex > 0 || markedAsArray(L, t)) {
    if (maxIndex > MAX_ARRAY_LENGTH) fail(`array of ${maxIndex} elements is too large`, path);
    const items: unknown[] = [];
    for (let i = 1; i <= maxIndex; i++) {
      lua.lua_rawgeti(L, t, i);
      items.push(valueToJson(L, lua.lua_gettop(L), `${path}[${i}]`, depth + 1, walk));
      lua.lua_pop(L, 1);
    }
    result = items;
  } else {
    const entries: [string, unknown][] = [];
    lua.lua_pushnil(L);
    while (lua.lua_next(L, t) !== 0) {
      const key = keyText(L, -2, path);
      entries.push([key, valueToJson(L, lua.lua_gettop(L), `${path}.${key}`, depth + 1, walk)]);
      lua.lua_pop(L, 1);
    }
    entries.sort((a, b) => compareGoStrings(a[0], b[0]));
    // fromEntries defines properties, so a "__proto__" key stays an ordinary key.
    result = Object.fromEntries(entries);
  }
  if (identity) walk.seen.delete(identity);
  return result;
}

function valueToJson(L: LuaState, idx: number, path: string, depth: number, walk: Walk): unknown {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      return null;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx);
    case lua.LUA_TNUMBER: {
      const n = lua.lua_tonumber(L, idx);
      if (!Number.isFinite(n)) fail(`${goNumberText(n)} cannot be encoded as JSON`, path);
      return n;
    }
    case lua.LUA_TSTRING:
      return luaText(L, idx);
    case lua.LUA_TTABLE:
      return tableToJson(L, idx, path, depth, walk);
    default:
      return fail(`a ${typeName(L, idx)} value cannot be encoded as JSON`, path);
  }
}

/** The JSON value of the Lua value at absolute stack index `idx`. */
export function luaToJson(L: LuaState, idx: number): unknown {
  return valueToJson(L, idx, 'result', 0, { seen: new Set() });
}
