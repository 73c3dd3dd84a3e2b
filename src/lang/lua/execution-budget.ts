// What one script run has consumed. Library wrappers and the instruction hook charge it; going over a
// limit raises a Lua error. The instruction limit is sticky: once spent, every later charge fails
// again, so a script cannot swallow it with pcall and keep looping.

import fengari from 'fengari';
import { DeadlinePacer, TaskDeadlineExceeded } from '../budget/index.js';
import type { LuaLimits } from './limits.js';

const { lua } = fengari;

/** Bytes copied or compared per charged instruction (measured: fengari upper-cases or compares
 *  about 16 bytes in the time of one VM instruction), so string work is billed by size. */
const BYTES_PER_INSTRUCTION = 16;

export class ExecutionBudget {
  instructions = 0;
  stringBytes = 0;
  instructionsExhausted = false;
  /** Message of the last memory-limit error raised, to classify the run's final error. */
  memoryMessage: string | undefined;
  /** Set when the real-clock task deadline passed (sticky like the instruction limit). */
  deadline: TaskDeadlineExceeded | undefined;
  private readonly pacer = new DeadlinePacer();

  constructor(readonly limits: LuaLimits) {}

  chargeInstructions(L: fengari.LuaState, n: number): void {
    this.instructions += n;
    if (this.deadline) raise(L, this.deadline.message);
    try {
      this.pacer.reached(this.instructions);
    } catch (e) {
      // Thrown from a hook, a JS error would become a Lua error that pcall can swallow: record it
      // and keep failing; run-script rethrows it once the chunk returns.
      if (!(e instanceof TaskDeadlineExceeded)) throw e;
      this.deadline = e;
      raise(L, e.message);
    }
    if (this.instructions > this.limits.maxInstructions) {
      this.instructionsExhausted = true;
      raise(L, this.instructionLimitMessage());
    }
  }

  /** Charges work proportional to `bytes` of string data touched. */
  chargeBytesTouched(L: fengari.LuaState, bytes: number): void {
    this.chargeInstructions(L, 1 + Math.floor(bytes / BYTES_PER_INSTRUCTION));
  }

  /** Refuses, before it is built, a single string larger than the limit. */
  checkStringSize(L: fengari.LuaState, bytes: number): void {
    if (bytes > this.limits.maxStringBytes) {
      this.memoryMessage =
        `Lua script tried to build a string of about ${Math.round(bytes)} bytes; ` +
        `the limit is ${this.limits.maxStringBytes} bytes (option maxStringBytes)`;
      raise(L, this.memoryMessage);
    }
  }

  /** Records a string of `bytes` being built, enforcing the single and total size limits. */
  chargeString(L: fengari.LuaState, bytes: number): void {
    this.checkStringSize(L, bytes);
    this.stringBytes += bytes;
    if (this.stringBytes > this.limits.maxTotalStringBytes) {
      this.memoryMessage =
        `Lua script built more than ${this.limits.maxTotalStringBytes} bytes of strings in one run ` +
        `(option maxTotalStringBytes)`;
      raise(L, this.memoryMessage);
    }
  }

  instructionLimitMessage(): string {
    return (
      `Lua script exceeded its budget of ${this.limits.maxInstructions} instructions (an endless loop?); ` +
      `simplify the script or raise option maxInstructions`
    );
  }
}

function raise(L: fengari.LuaState, message: string): never {
  lua.lua_pushstring(L, message);
  return lua.lua_error(L);
}

// Library wrappers are created once per process and shared by every run, so they find the budget of
// the run in progress here. Runs are synchronous and scripts cannot start another run, so a single
// slot is enough.
let active: ExecutionBudget | undefined;

export function runWithBudget<T>(budget: ExecutionBudget, body: () => T): T {
  const previous = active;
  active = budget;
  try {
    return body();
  } finally {
    active = previous;
  }
}

export function activeBudget(): ExecutionBudget {
  if (!active) throw new Error('Lua library function called outside a script run');
  return active;
}
