// Per-instruction hook: counts VM instructions and prices the ones whose cost grows with string size
// (concatenation copies, comparisons scan bytes). Lua has no allocation hook in fengari and `..`
// never reaches a library function, so the only place to stop `s = s .. s` from doubling into
// gigabytes is just before the CONCAT instruction runs. That needs a look at fengari's call frame,
// which its API does not expose; the shapes below are fengari 0.1.x internals, pinned by the tests.

import fengari from 'fengari';
import type { ExecutionBudget } from './execution-budget.js';

const { lua } = fengari;

// Lua 5.3 opcode numbers (lopcodes.h), stable across 5.3 implementations.
const OP_CONCAT = 29;
const OP_EQ = 31;
const OP_LT = 32;
const OP_LE = 33;
/** Operand flag meaning "constant", not "register" (ISK in lopcodes.h). */
const BITRK = 256;
/** Longest text a number converts to in a concatenation (%.14g plus sign, exponent, ".0"). */
const NUMBER_TEXT_BYTES = 24;

interface Instruction {
  opcode: number;
  B: number;
  C: number;
}
interface CallFrame {
  l_code: readonly Instruction[];
  /** Index of the instruction after the one about to run. */
  l_savedpc: number;
  l_base: number;
}
interface StackValue {
  ttisstring(): boolean;
  ttisnumber(): boolean;
  vslen(): number;
}
interface ThreadInternals {
  stack: readonly (StackValue | undefined)[];
}
interface HookRecordInternals {
  i_ci: CallFrame;
}

function concatBytes(stack: ThreadInternals['stack'], from: number, to: number): number {
  let total = 0;
  for (let i = from; i <= to; i++) {
    const v = stack[i];
    if (v === undefined) continue;
    if (v.ttisstring()) total += v.vslen();
    else if (v.ttisnumber()) total += NUMBER_TEXT_BYTES;
    // Anything else goes through a __concat metamethod, whose own instructions are metered.
  }
  return total;
}

function comparedBytes(stack: ThreadInternals['stack'], base: number, b: number, c: number): number {
  // Constants are bounded by the script's own size; only registers can hold huge strings.
  if (b & BITRK || c & BITRK) return 0;
  const x = stack[base + b];
  const y = stack[base + c];
  if (!x || !y || !x.ttisstring() || !y.ttisstring()) return 0;
  return Math.min(x.vslen(), y.vslen());
}

export function installInstructionHook(L: fengari.LuaState, budget: ExecutionBudget): void {
  const hook: fengari.Hook = (thread, ar) => {
    budget.chargeInstructions(thread, 1);
    const frame = (ar as unknown as HookRecordInternals).i_ci;
    const ins = frame.l_code[frame.l_savedpc - 1];
    if (ins === undefined) return;
    const op = ins.opcode;
    if (op === OP_CONCAT) {
      const stack = (thread as unknown as ThreadInternals).stack;
      const bytes = concatBytes(stack, frame.l_base + ins.B, frame.l_base + ins.C);
      budget.chargeString(thread, bytes);
      budget.chargeBytesTouched(thread, bytes);
    } else if (op === OP_EQ || op === OP_LT || op === OP_LE) {
      const stack = (thread as unknown as ThreadInternals).stack;
      const bytes = comparedBytes(stack, frame.l_base, ins.B, ins.C);
      if (bytes > 0) budget.chargeBytesTouched(thread, bytes);
    }
  };
  // Count 1: the hook sees every instruction. Coroutines inherit it from the main thread.
  lua.lua_sethook(L, hook, lua.LUA_MASKCOUNT, 1);
}
