// Resource limits for one script run. Argo's gopher-lua has none; we need them because a script
// runs inside a replayed workflow, where a hang or an out-of-memory crash would poison the worker.

import { LUA_MAX_INSTRUCTIONS, LUA_MAX_TOTAL_STRING_BYTES, MAX_STRING_BYTES } from '../budget/index.js';
import { LuaScriptError } from './errors.js';

export interface LuaRunOptions {
  /** Lua VM instructions one run may execute (default 100,000, at most about 50 ms). */
  maxInstructions?: number;
  /** Largest string the script may build (default 1 MiB). */
  maxStringBytes?: number;
  /** Total bytes of strings the script may build over the run (default 8 MiB). */
  maxTotalStringBytes?: number;
}

export interface LuaLimits {
  maxInstructions: number;
  maxStringBytes: number;
  maxTotalStringBytes: number;
}

const DEFAULT_LIMITS: Readonly<LuaLimits> = Object.freeze({
  maxInstructions: LUA_MAX_INSTRUCTIONS,
  maxStringBytes: MAX_STRING_BYTES,
  maxTotalStringBytes: LUA_MAX_TOTAL_STRING_BYTES,
});

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new LuaScriptError(`option ${name} must be a positive integer, got ${String(value)}`, 'runtime');
  }
  return value;
}

export function resolveLimits(opts: LuaRunOptions | undefined): LuaLimits {
  if (!opts) return DEFAULT_LIMITS;
  return {
    maxInstructions: positiveInteger('maxInstructions', opts.maxInstructions, DEFAULT_LIMITS.maxInstructions),
    maxStringBytes: positiveInteger('maxStringBytes', opts.maxStringBytes, DEFAULT_LIMITS.maxStringBytes),
    maxTotalStringBytes: positiveInteger(
      'maxTotalStringBytes',
      opts.maxTotalStringBytes,
      DEFAULT_LIMITS.maxTotalStringBytes,
    ),
  };
}
