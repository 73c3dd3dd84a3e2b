// Lua 5.1 names that gopher-lua (Argo's interpreter) has and Lua 5.3 dropped, so scripts written
// for Argo keep working: unpack, table.getn/maxn, math.pow/log10/mod/atan2/cosh/sinh/tanh/frexp/ldexp.
// Also a silent print: gopher-lua writes it to the controller's stdout; here there is no stdout.

import fengari from 'fengari';
import { frexp, goPow, ldexp } from '../go/math.js';

const { lua, lauxlib } = fengari;

type CFunction = fengari.CFunction;

function numberFunction(f: (x: number) => number): CFunction {
  return (L) => {
    lua.lua_pushnumber(L, f(lauxlib.luaL_checknumber(L, 1)));
    return 1;
  };
}

const print: CFunction = () => 0;

const tableGetn: CFunction = (L) => {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  lua.lua_pushinteger(L, lua.lua_rawlen(L, 1));
  return 1;
};

/** Largest positive numeric key, as Lua 5.1's table.maxn. */
const tableMaxn: CFunction = (L) => {
  lauxlib.luaL_checktype(L, 1, lua.LUA_TTABLE);
  let max = 0;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, 1) !== 0) {
    lua.lua_pop(L, 1);
    if (lua.lua_type(L, -1) === lua.LUA_TNUMBER) {
      const k = lua.lua_tonumber(L, -1);
      if (k > max) max = k;
    }
  }
  lua.lua_pushnumber(L, max);
  return 1;
};

/** gopher-lua's math.pow is Go's math.Pow, whose last bit can differ from JS's `**`. */
const mathPow: CFunction = (L) => {
  lua.lua_pushnumber(L, goPow(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checknumber(L, 2)));
  return 1;
};

const mathAtan2: CFunction = (L) => {
  lua.lua_pushnumber(L, Math.atan2(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checknumber(L, 2)));
  return 1;
};

/** m, e with x = m * 2^e and 0.5 <= |m| < 1: Go's math.Frexp, which gopher-lua calls. */
const mathFrexp: CFunction = (L) => {
  const [m, e] = frexp(lauxlib.luaL_checknumber(L, 1));
  lua.lua_pushnumber(L, m);
  lua.lua_pushinteger(L, e);
  return 2;
};

/** Go's math.Ldexp: m * 2^e rounded once, also into the subnormal range. */
const mathLdexp: CFunction = (L) => {
  lua.lua_pushnumber(L, ldexp(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checkinteger(L, 2)));
  return 1;
};

export const COMPAT_BASE: Readonly<Record<string, CFunction>> = { print };

export const COMPAT_TABLE: Readonly<Record<string, CFunction>> = { getn: tableGetn, maxn: tableMaxn };

export const COMPAT_MATH: Readonly<Record<string, CFunction>> = {
  pow: mathPow,
  log10: numberFunction(Math.log10),
  cosh: numberFunction(Math.cosh),
  sinh: numberFunction(Math.sinh),
  tanh: numberFunction(Math.tanh),
  atan2: mathAtan2,
  frexp: mathFrexp,
  ldexp: mathLdexp,
};

/** Compat names that are another library's function under an old name. */
export const COMPAT_ALIASES: ReadonlyArray<{ target: string; source: string }> = [
  { target: 'unpack', source: 'table.unpack' },
  { target: 'math.mod', source: 'math.fmod' },
];
