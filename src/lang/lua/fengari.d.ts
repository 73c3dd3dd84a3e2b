// Types for the part of fengari (pure-JS Lua 5.3, shipped without typings) that this module uses.
// Lua strings are byte arrays (Uint8Array); fengari also accepts JS strings where it converts them.

declare module 'fengari' {
  namespace fengari {
    /** Opaque handle to a Lua thread. */
    interface LuaState {
      readonly __luaStateBrand: never;
    }
    type LuaString = Uint8Array;
    type CFunction = (L: LuaState) => number;
    /** Debug record handed to hooks; fields beyond `event` are fengari internals. */
    interface LuaDebug {
      event: number;
    }
    type Hook = (L: LuaState, ar: LuaDebug) => void;
    type Writer = (L: LuaState, chunk: Uint8Array, size: number, ud: unknown) => number;

    interface Lua {
      readonly LUA_OK: number;
      readonly LUA_ERRSYNTAX: number;
      readonly LUA_MULTRET: number;
      readonly LUA_MASKCOUNT: number;
      readonly LUA_TNONE: number;
      readonly LUA_TNIL: number;
      readonly LUA_TBOOLEAN: number;
      readonly LUA_TLIGHTUSERDATA: number;
      readonly LUA_TNUMBER: number;
      readonly LUA_TSTRING: number;
      readonly LUA_TTABLE: number;
      readonly LUA_TFUNCTION: number;
      readonly LUA_TUSERDATA: number;
      readonly LUA_TTHREAD: number;
      lua_upvalueindex(i: number): number;
      lua_atnativeerror(L: LuaState, f: CFunction): CFunction | null;
      lua_sethook(L: LuaState, f: Hook | null, mask: number, count: number): void;
      lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
      lua_call(L: LuaState, nargs: number, nresults: number): void;
      lua_error(L: LuaState): never;
      lua_dump(L: LuaState, writer: Writer, data: unknown, strip: boolean): number;
      lua_gettop(L: LuaState): number;
      lua_settop(L: LuaState, idx: number): void;
      lua_pop(L: LuaState, n: number): void;
      lua_insert(L: LuaState, idx: number): void;
      lua_replace(L: LuaState, idx: number): void;
      lua_pushvalue(L: LuaState, idx: number): void;
      lua_checkstack(L: LuaState, n: number): boolean;
      lua_type(L: LuaState, idx: number): number;
      lua_toboolean(L: LuaState, idx: number): boolean;
      lua_tonumber(L: LuaState, idx: number): number;
      lua_isinteger(L: LuaState, idx: number): boolean;
      lua_tostring(L: LuaState, idx: number): LuaString | null;
      lua_topointer(L: LuaState, idx: number): object | null;
      lua_tocfunction(L: LuaState, idx: number): CFunction | null;
      lua_touserdata(L: LuaState, idx: number): unknown;
      lua_rawlen(L: LuaState, idx: number): number;
      lua_pushnil(L: LuaState): void;
      lua_pushboolean(L: LuaState, b: boolean): void;
      lua_pushinteger(L: LuaState, n: number): void;
      lua_pushnumber(L: LuaState, n: number): void;
      lua_pushstring(L: LuaState, s: LuaString | string): LuaString;
      lua_pushcfunction(L: LuaState, f: CFunction): void;
      lua_pushcclosure(L: LuaState, f: CFunction, n: number): void;
      lua_createtable(L: LuaState, narr: number, nrec: number): void;
      lua_setfield(L: LuaState, idx: number, k: LuaString | string): void;
      lua_getfield(L: LuaState, idx: number, k: LuaString | string): number;
      lua_gettable(L: LuaState, idx: number): number;
      lua_rawget(L: LuaState, idx: number): number;
      lua_rawgeti(L: LuaState, idx: number, n: number): number;
      lua_rawset(L: LuaState, idx: number): void;
      lua_rawseti(L: LuaState, idx: number, n: number): void;
      lua_next(L: LuaState, idx: number): number;
      lua_getmetatable(L: LuaState, idx: number): boolean;
      lua_setglobal(L: LuaState, name: LuaString | string): void;
      lua_setmetatable(L: LuaState, idx: number): void;
      lua_pushglobaltable(L: LuaState): void;
      lua_getglobal(L: LuaState, name: LuaString | string): number;
    }

    interface LAuxLib {
      luaL_newstate(): LuaState;
      luaL_requiref(L: LuaState, modname: LuaString | string, openf: CFunction, glb: number): void;
      luaL_loadbufferx(
        L: LuaState,
        buff: LuaString,
        size: number | null,
        name: LuaString | string,
        mode: LuaString | string,
      ): number;
      luaL_checknumber(L: LuaState, arg: number): number;
      luaL_checkinteger(L: LuaState, arg: number): number;
      luaL_checktype(L: LuaState, arg: number, t: number): void;
      luaL_len(L: LuaState, idx: number): number;
    }

    interface LuaLib {
      luaopen_base: CFunction;
      luaopen_string: CFunction;
      luaopen_table: CFunction;
      luaopen_math: CFunction;
      luaopen_coroutine: CFunction;
    }
  }

  const fengari: {
    lua: fengari.Lua;
    lauxlib: fengari.LAuxLib;
    lualib: fengari.LuaLib;
    to_luastring(s: string, cache?: boolean): fengari.LuaString;
    to_jsstring(s: fengari.LuaString, from?: number, to?: number, replacementChar?: boolean): string;
  };
  export = fengari;
}
