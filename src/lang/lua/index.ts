export { LuaScriptError } from './errors.js';
export { compileLuaScript, runLuaFilter, runLuaTransform } from './run-script.js';
