// Resource limits for one script run. Argo's gopher-lua has none; we need them because a script
// runs inside a replayed workflow, where a hang or an out-of-memory crash would poison the worker.

import { LuaScriptError } from './errors.js';

export interface LuaRunOptions {
  /** Lua VM instructions one run may execute (default 1,000,000, roughly 50 ms). */
  maxInstructions?: number;
  /** Largest string the script may build (default 8 MiB). */
  maxStringBytes?: number;
  /** Total bytes of strings the script may build over the run (default 64 MiB). */
  maxTotalStringBytes?: number;
}

export interface LuaLimits {
  maxInstructions: number;
  maxStringBytes: number;
  maxTotalStringBytes: number;
}

export const DEFAULT_LIMITS: Readonly<LuaLimits> = Object.freeze({
  maxInstructions: 1_000_000,
  maxStringBytes: 8 * 1024 * 1024,
  maxTotalStringBytes: 64 * 1024 * 1024,
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
