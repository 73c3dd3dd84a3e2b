export { LuaScriptError, type LuaScriptErrorKind } from './errors.js';
export { DEFAULT_LIMITS, type LuaRunOptions } from './limits.js';
export { compileLuaScript, runLuaFilter, runLuaTransform } from './run-script.js';
