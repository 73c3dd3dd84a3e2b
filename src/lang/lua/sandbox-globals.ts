// The global environment a script sees: Lua's base, string, table, math and coroutine libraries,
// minus everything that reaches outside the VM or breaks determinism, every function metered, plus
// the Lua 5.1 names gopher-lua scripts use. No io, os, package/require, debug, utf8 or load.
//
// Opening a library costs about 0.7 µs per function in fengari, which dominates a short script's
// run time; table, math and coroutine are therefore only installed when the script's source
// mentions them (a script can only reach them by name). The string library is always installed
// because string methods (`s:upper()`) reach it through the string metatable.

import fengari from 'fengari';
import { COMPAT_ALIASES, COMPAT_BASE, COMPAT_MATH, COMPAT_TABLE } from './compat-functions.js';
import { meterLibraryFunction } from './metered-functions.js';

const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;

type CFunction = fengari.CFunction;
type LuaState = fengari.LuaState;

export type OptionalLibrary = 'table' | 'math' | 'coroutine';
type Library = 'base' | 'string' | OptionalLibrary;

/** Standard names a script must not reach: files, code loading (it could load binary chunks),
 *  the garbage collector, bytecode dumps, binary packing, and nondeterministic randomness. */
const REMOVED = new Set([
  'dofile',
  'loadfile',
  'load',
  'collectgarbage',
  'print',
  'string.dump',
  'string.pack',
  'string.unpack',
  'string.packsize',
  'math.random',
  'math.randomseed',
]);

interface Field {
  key: Uint8Array;
  value: CFunction | number | string;
  integer: boolean;
}

const OPENERS: ReadonlyArray<[Library, CFunction]> = [
  ['base', lualib.luaopen_base],
  ['string', lualib.luaopen_string],
  ['table', lualib.luaopen_table],
  ['math', lualib.luaopen_math],
  ['coroutine', lualib.luaopen_coroutine],
];

function qualified(library: Library, name: string): string {
  return library === 'base' ? name : `${library}.${name}`;
}

/** Reads each library's contents once from a scratch state, so they can be metered once. */
function readLibraries(): Map<string, CFunction | number | string | { integer: number }> {
  const fields = new Map<string, CFunction | number | string | { integer: number }>();
  const L = lauxlib.luaL_newstate();
  for (const [library, open] of OPENERS) {
    lauxlib.luaL_requiref(L, library === 'base' ? '_G' : library, open, 0);
    lua.lua_pushnil(L);
    while (lua.lua_next(L, -2) !== 0) {
      const keyBytes = lua.lua_type(L, -2) === lua.LUA_TSTRING ? lua.lua_tostring(L, -2) : null;
      const name = keyBytes ? to_jsstring(keyBytes) : '';
      const t = lua.lua_type(L, -1);
      if (t === lua.LUA_TFUNCTION) {
        const f = lua.lua_tocfunction(L, -1);
        if (f) fields.set(qualified(library, name), f);
      } else if (t === lua.LUA_TNUMBER) {
        const n = lua.lua_tonumber(L, -1);
        fields.set(qualified(library, name), lua.lua_isinteger(L, -1) ? { integer: n } : n);
      } else if (t === lua.LUA_TSTRING) {
        const s = lua.lua_tostring(L, -1);
        if (s) fields.set(qualified(library, name), to_jsstring(s));
      }
      // Tables (_G itself) are rebuilt per state.
      lua.lua_pop(L, 1);
    }
    lua.lua_pop(L, 1);
  }
  return fields;
}

function buildTemplates(): Record<Library, Field[]> {
  const raw = readLibraries();
  const functions = new Map<string, CFunction>();
  const templates: Record<Library, Field[]> = { base: [], string: [], table: [], math: [], coroutine: [] };
  const add = (name: string, value: Field['value'] | { integer: number }) => {
    const dot = name.indexOf('.');
    const library = (dot < 0 ? 'base' : name.slice(0, dot)) as Library;
    const key = to_luastring(dot < 0 ? name : name.slice(dot + 1));
    if (typeof value === 'function') {
      const f = meterLibraryFunction(name, value);
      functions.set(name, f);
      templates[library].push({ key, value: f, integer: false });
    } else if (typeof value === 'object') {
      templates[library].push({ key, value: value.integer, integer: true });
    } else {
      templates[library].push({ key, value, integer: false });
    }
  };
  for (const [name, value] of raw) if (!REMOVED.has(name)) add(name, value);
  for (const [name, f] of Object.entries(COMPAT_BASE)) add(name, f);
  for (const [name, f] of Object.entries(COMPAT_TABLE)) add(`table.${name}`, f);
  for (const [name, f] of Object.entries(COMPAT_MATH)) add(`math.${name}`, f);
  for (const { target, source } of COMPAT_ALIASES) {
    const f = functions.get(source);
    if (!f) throw new Error(`fengari lacks ${source}, needed for the Lua 5.1 name ${target}`);
    const dot = target.indexOf('.');
    const library = (dot < 0 ? 'base' : target.slice(0, dot)) as Library;
    templates[library].push({
      key: to_luastring(dot < 0 ? target : target.slice(dot + 1)),
      value: f,
      integer: false,
    });
  }
  // A fixed order keeps table construction, and so `pairs` order, the same in every process.
  for (const fields of Object.values(templates)) {
    fields.sort((a, b) => (to_jsstring(a.key) < to_jsstring(b.key) ? -1 : 1));
  }
  return templates;
}

let templates: Record<Library, Field[]> | undefined;

function pushField(L: LuaState, field: Field): void {
  const v = field.value;
  if (typeof v === 'function') lua.lua_pushcfunction(L, v);
  else if (typeof v === 'string') lua.lua_pushstring(L, v);
  else if (field.integer) lua.lua_pushinteger(L, v);
  else lua.lua_pushnumber(L, v);
}

function pushLibraryTable(L: LuaState, fields: readonly Field[]): void {
  lua.lua_createtable(L, 0, fields.length);
  for (const field of fields) {
    pushField(L, field);
    lua.lua_setfield(L, -2, field.key);
  }
}

/** Fills a fresh state's globals. */
export function installSandboxGlobals(L: LuaState, optional: ReadonlySet<OptionalLibrary>): void {
  templates ??= buildTemplates();
  for (const field of templates.base) {
    pushField(L, field);
    lua.lua_setglobal(L, field.key);
  }
  lua.lua_pushglobaltable(L);
  lua.lua_setglobal(L, '_G');

  pushLibraryTable(L, templates.string);
  // Strings index the string library, as luaopen_string arranges.
  lua.lua_pushstring(L, '');
  lua.lua_createtable(L, 0, 1);
  lua.lua_pushvalue(L, -3);
  lua.lua_setfield(L, -2, '__index');
  lua.lua_setmetatable(L, -2);
  lua.lua_pop(L, 1);
  lua.lua_setglobal(L, 'string');

  for (const library of ['table', 'math', 'coroutine'] as const) {
    if (!optional.has(library)) continue;
    pushLibraryTable(L, templates[library]);
    lua.lua_setglobal(L, library);
  }
}

const LIBRARY_MENTION = /\b(table|math|coroutine)\b/g;

/** The optional libraries a script's source names. */
export function librariesNamedIn(source: string): Set<OptionalLibrary> {
  const named = new Set<OptionalLibrary>();
  for (const m of source.matchAll(LIBRARY_MENTION)) named.add(m[1] as OptionalLibrary);
  return named;
}
