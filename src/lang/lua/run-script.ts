// Runs an Argo Sensor script (filters.script, transform.script) the way Argo's filterScript and
// applyScriptTransform do: the event payload is the global table `event`, the chunk's last return
// value is the answer. Each run gets a fresh Lua state, so runs cannot see each other and object
// identities (what tostring({}) prints) are the same on replay.

import fengari from 'fengari';
import { chargeWork } from '../budget/index.js';
import { CHUNK_NAME, compileScript } from './chunk-cache.js';
import { LuaScriptError } from './errors.js';
import { ExecutionBudget, runWithBudget } from './execution-budget.js';
import { pushEventTable } from './event-to-lua.js';
import { installInstructionHook } from './instruction-hook.js';
import { resolveLimits, type LuaRunOptions } from './limits.js';
import { luaText, luaToJson } from './lua-to-json.js';
import { installSandboxGlobals } from './sandbox-globals.js';

const { lua, lauxlib } = fengari;

type LuaState = fengari.LuaState;

const UNAVAILABLE_GLOBALS = new Set([
  'os',
  'io',
  'require',
  'package',
  'debug',
  'load',
  'loadstring',
  'dofile',
  'loadfile',
  'utf8',
  'collectgarbage',
  'setfenv',
  'getfenv',
  'module',
]);

/** JavaScript exceptions inside fengari (say a RangeError) become ordinary Lua errors. */
const nativeErrorToLua: fengari.CFunction = (L) => {
  const e = lua.lua_touserdata(L, 1);
  lua.lua_pushstring(L, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  return 1;
};

function hintFor(message: string): string {
  const global = /\(global '([A-Za-z_][A-Za-z0-9_]*)'\)/.exec(message)?.[1];
  if (global === undefined) return '';
  if (UNAVAILABLE_GLOBALS.has(global)) {
    return (
      ` (the script sandbox has no ${global}: only the base, string, table, math and coroutine ` +
      `libraries, without file, OS, module or code-loading functions)`
    );
  }
  if (global !== 'event') return ' (the event payload is the global table `event`)';
  return '';
}

function runError(L: LuaState, budget: ExecutionBudget): LuaScriptError {
  if (budget.instructionsExhausted) {
    return new LuaScriptError(budget.instructionLimitMessage(), 'instruction-limit');
  }
  const t = lua.lua_type(L, -1);
  const message =
    t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER
      ? luaText(L, -1)
      : `(error object is a ${t === lua.LUA_TNIL ? 'nil' : t === lua.LUA_TTABLE ? 'table' : 'non-string'} value)`;
  if (budget.memoryMessage !== undefined && message.endsWith(budget.memoryMessage)) {
    return new LuaScriptError(message, 'memory-limit');
  }
  return new LuaScriptError(`Lua runtime error: ${message}${hintFor(message)}`, 'runtime');
}

/** Runs `script` with `event` set to `eventData`; calls `read` with the number of returned values. */
function execute<T>(
  script: string,
  eventData: unknown,
  opts: LuaRunOptions | undefined,
  read: (L: LuaState, results: number) => T,
): T {
  const compiled = compileScript(script);
  const budget = new ExecutionBudget(resolveLimits(opts));
  const L = lauxlib.luaL_newstate();
  lua.lua_atnativeerror(L, nativeErrorToLua);
  installSandboxGlobals(L, compiled.libraries);
  pushEventTable(L, eventData);
  lua.lua_setglobal(L, 'event');
  if (lauxlib.luaL_loadbufferx(L, compiled.bytecode, null, CHUNK_NAME, 'b') !== lua.LUA_OK) {
    throw new LuaScriptError(`compiled Lua chunk failed to load: ${luaText(L, -1)}`, 'runtime');
  }
  installInstructionHook(L, budget);
  let status: number;
  try {
    status = runWithBudget(budget, () => lua.lua_pcall(L, 0, lua.LUA_MULTRET, 0));
  } finally {
    chargeWork(budget.instructions);
  }
  if (budget.deadline) throw budget.deadline;
  if (status !== lua.LUA_OK) throw runError(L, budget);
  return read(L, lua.lua_gettop(L));
}

/**
 * Argo's `filters.script`: true only when the script's last return value is the boolean true. Any
 * other result (false, nil, nothing, 1, "true") is false, not an error; syntax and runtime errors
 * throw LuaScriptError. `eventData` is the parsed JSON payload: `undefined` means the event has
 * none, and Argo then passes the filter without running the script; `null` gives an empty table.
 */
export function runLuaFilter(script: string, eventData: unknown, opts?: LuaRunOptions): boolean {
  if (script === '' || eventData === undefined) return true;
  return execute(
    script,
    eventData,
    opts,
    (L, results) => results > 0 && lua.lua_type(L, -1) === lua.LUA_TBOOLEAN && lua.lua_toboolean(L, -1),
  );
}

/**
 * Argo's `transform.script`: the script must return a table (usually the modified `event`), which
 * becomes the new payload, an object or an array. `undefined` data (no payload) and an empty script
 * leave the event as it is, as in Argo.
 */
export function runLuaTransform(script: string, eventData: unknown, opts?: LuaRunOptions): unknown {
  if (script === '' || eventData === undefined) return eventData;
  return execute(script, eventData, opts, (L, results) => {
    if (results === 0 || lua.lua_type(L, -1) !== lua.LUA_TTABLE) {
      throw new LuaScriptError(
        'transformation script output type is not of lua table: return a table, such as the modified `event`',
        'result',
      );
    }
    return luaToJson(L, lua.lua_gettop(L));
  });
}

/** Parses `script` (and caches it), throwing LuaScriptError for a syntax error: for validating manifests. */
export function compileLuaScript(script: string): void {
  compileScript(script);
}
