// Lua 5.1 names that gopher-lua (Argo's interpreter) has and Lua 5.3 dropped, so scripts written
// for Argo keep working: unpack, table.getn/maxn, math.pow/log10/mod/atan2/cosh/sinh/tanh/frexp/ldexp.
// Also a silent print: gopher-lua writes it to the controller's stdout; here there is no stdout.

import fengari from 'fengari';

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

const mathPow: CFunction = (L) => {
  lua.lua_pushnumber(L, Math.pow(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checknumber(L, 2)));
  return 1;
};

const mathAtan2: CFunction = (L) => {
  lua.lua_pushnumber(L, Math.atan2(lauxlib.luaL_checknumber(L, 1), lauxlib.luaL_checknumber(L, 2)));
  return 1;
};

/** m, e with x = m * 2^e and 0.5 <= |m| < 1, as C's frexp. */
const mathFrexp: CFunction = (L) => {
  const x = lauxlib.luaL_checknumber(L, 1);
  if (x === 0 || !Number.isFinite(x)) {
    lua.lua_pushnumber(L, x);
    lua.lua_pushinteger(L, 0);
    return 2;
  }
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(x))) + 1);
  let m = x * Math.pow(2, -e);
  // log2 can be off by one near powers of two; settle it exactly.
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e -= 1;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e += 1;
  }
  lua.lua_pushnumber(L, m);
  lua.lua_pushinteger(L, e);
  return 2;
};

const mathLdexp: CFunction = (L) => {
  const m = lauxlib.luaL_checknumber(L, 1);
  const e = lauxlib.luaL_checkinteger(L, 2);
  // Split the power so 2^e alone cannot overflow when the product would not.
  const half = Math.trunc(e / 2);
  lua.lua_pushnumber(L, m * Math.pow(2, half) * Math.pow(2, e - half));
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
