// Wraps standard-library functions so their cost lands on the run's budget. The VM hook only sees
// Lua instructions; one library call can copy megabytes (string.rep, gsub, table.concat) or push a
// million values (table.unpack), so those calls are priced by size, and the calls that can build a
// huge string are refused before they build it.

import fengari from 'fengari';
import { activeBudget, type ExecutionBudget } from './execution-budget.js';

const { lua } = fengari;

type CFunction = fengari.CFunction;
type LuaState = fengari.LuaState;
type Before = (L: LuaState, budget: ExecutionBudget) => void;
type After = (L: LuaState, budget: ExecutionBudget, results: number) => void;

/** Upper bound on the text of a number converted to a string. */
const NUMBER_TEXT_BYTES = 24;
/** string.format never pads a field wider than 99 characters. */
const FORMAT_FIELD_BYTES = 100;
/** Worst case of %q: every byte becomes an escape such as \ddd. */
const QUOTED_EXPANSION = 4;
/** gsub may build this many times maxStringBytes before its result is checked: enough for any
 *  sane replacement, too little for one call to exhaust memory. */
const GSUB_SLACK = 4;
/** Copies in string.rep's inner loop charged as one instruction. */
const REPEATS_PER_INSTRUCTION = 16;
// Instructions charged per element, from timing fengari against its VM loop (~56 ns/instruction).
const SHIFT_COST = 4;
const SORT_COMPARE_COST = 4;
const CONCAT_ELEMENT_COST = 16;
const RESULT_VALUE_COST = 3;
const SCAN_ELEMENT_COST = 2;

function metered(original: CFunction, before: Before, after?: After): CFunction {
  return (L) => {
    const budget = activeBudget();
    before(L, budget);
    const results = original(L);
    if (after) after(L, budget, results);
    return results;
  };
}

/** Byte length of argument `idx` as string.* would see it, or 0 when it is not string-like. */
function textLength(L: LuaState, idx: number): number {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TSTRING) return lua.lua_rawlen(L, idx);
  if (t === lua.LUA_TNUMBER) return NUMBER_TEXT_BYTES;
  return 0;
}

/** Numeric argument `idx` (numbers and numeric strings, as luaL_checkinteger accepts), else undefined. */
function numberArg(L: LuaState, idx: number): number | undefined {
  const t = lua.lua_type(L, idx);
  if (t !== lua.LUA_TNUMBER && t !== lua.LUA_TSTRING) return undefined;
  const n = lua.lua_tonumber(L, idx);
  return Number.isNaN(n) ? undefined : n;
}

function stringArgBytes(L: LuaState): number {
  let total = 0;
  const top = lua.lua_gettop(L);
  for (let i = 1; i <= top; i++) {
    if (lua.lua_type(L, i) === lua.LUA_TSTRING) total += lua.lua_rawlen(L, i);
  }
  return total;
}

/** Lua pattern characters; a find pattern without them is a plain substring search. */
const PATTERN_SPECIALS = new Set([...'^$*+?.([%-'].map((c) => c.charCodeAt(0)));

/** Lua's pattern matcher costs about one VM instruction per subject byte (measured on fengari);
 *  a plain substring search is as cheap as a copy. Backtracking patterns can cost more: not priced. */
function chargePatternSearch(L: LuaState, budget: ExecutionBudget, allowPlain: boolean): void {
  const subject = textLength(L, 1);
  const pattern = lua.lua_type(L, 2) === lua.LUA_TSTRING ? lua.lua_tostring(L, 2) : null;
  const plain =
    allowPlain &&
    (lua.lua_toboolean(L, 4) || (pattern !== null && !pattern.some((b) => PATTERN_SPECIALS.has(b))));
  if (plain) budget.chargeBytesTouched(L, subject + (pattern?.length ?? 0));
  else budget.chargeInstructions(L, 1 + subject + (pattern?.length ?? 0));
}

const beforeFind: Before = (L, budget) => chargePatternSearch(L, budget, true);
const beforeMatch: Before = (L, budget) => chargePatternSearch(L, budget, false);

const chargeArguments: Before = (L, budget) => budget.chargeBytesTouched(L, stringArgBytes(L));

const chargeStringResults: After = (L, budget, results) => {
  for (let i = 1; i <= results; i++) {
    if (lua.lua_type(L, -i) === lua.LUA_TSTRING) {
      const bytes = lua.lua_rawlen(L, -i);
      budget.chargeString(L, bytes);
      budget.chargeBytesTouched(L, bytes);
    }
  }
};

const chargeResultCount: After = (L, budget, results) =>
  budget.chargeInstructions(L, results * RESULT_VALUE_COST);

const beforeRep: Before = (L, budget) => {
  const n = Math.floor(numberArg(L, 2) ?? 0);
  if (n <= 0) return budget.chargeInstructions(L, 1);
  const total = textLength(L, 1) * n + textLength(L, 3) * (n - 1);
  budget.chargeString(L, total);
  budget.chargeBytesTouched(L, total);
  budget.chargeInstructions(L, Math.floor(n / REPEATS_PER_INSTRUCTION));
};

const beforeFormat: Before = (L, budget) => {
  const fmt = lua.lua_type(L, 1) === lua.LUA_TSTRING ? lua.lua_tostring(L, 1) : null;
  const quoted = fmt !== null && fmt.includes(0x71 /* q */);
  let estimate = fmt?.length ?? 0;
  const top = lua.lua_gettop(L);
  for (let i = 2; i <= top; i++) {
    const t = lua.lua_type(L, i);
    const text = t === lua.LUA_TSTRING ? lua.lua_rawlen(L, i) : NUMBER_TEXT_BYTES;
    estimate += text * (quoted ? QUOTED_EXPANSION : 1) + FORMAT_FIELD_BYTES;
  }
  budget.checkStringSize(L, estimate);
  budget.chargeBytesTouched(L, estimate);
};

function countPercent(bytes: Uint8Array | null): number {
  if (!bytes) return 0;
  let n = 0;
  for (const b of bytes) if (b === 0x25 /* % */) n++;
  return n;
}

/** Stands in for gsub's function or table replacement, adding up what the replacements produce. */
function meteredReplacement(subjectBytes: number, isTable: boolean): CFunction {
  let produced = subjectBytes;
  return (L) => {
    const budget = activeBudget();
    const nargs = lua.lua_gettop(L);
    lua.lua_pushvalue(L, lua.lua_upvalueindex(1));
    if (isTable) {
      lua.lua_pushvalue(L, 1);
      lua.lua_gettable(L, -2);
    } else {
      lua.lua_insert(L, 1);
      lua.lua_call(L, nargs, 1);
    }
    const t = lua.lua_type(L, -1);
    if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) {
      produced += textLength(L, -1);
      budget.checkStringSize(L, produced);
    }
    budget.chargeInstructions(L, 1);
    return 1;
  };
}

const beforeGsub: Before = (L, budget) => {
  const subject = textLength(L, 1);
  chargePatternSearch(L, budget, false);
  const replType = lua.lua_type(L, 3);
  if (replType === lua.LUA_TSTRING || replType === lua.LUA_TNUMBER) {
    // Matches do not overlap, so all captures together are at most the subject: the output is
    // bounded by subject + matches * replacement + (number of %n) * subject.
    const repl = textLength(L, 3);
    const limit = numberArg(L, 4);
    const matches = Math.min(subject + 1, limit === undefined ? Infinity : Math.max(0, limit));
    const escapes = replType === lua.LUA_TSTRING ? countPercent(lua.lua_tostring(L, 3)) : 0;
    const worst = subject + matches * repl + escapes * subject;
    if (worst > GSUB_SLACK * budget.limits.maxStringBytes) budget.checkStringSize(L, worst);
  } else if (replType === lua.LUA_TFUNCTION || replType === lua.LUA_TTABLE) {
    lua.lua_pushvalue(L, 3);
    lua.lua_pushcclosure(L, meteredReplacement(subject, replType === lua.LUA_TTABLE), 1);
    lua.lua_replace(L, 3);
  }
};

const beforeTableConcat: Before = (L, budget) => {
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) return budget.chargeInstructions(L, 1);
  const sep = textLength(L, 2);
  const first = Math.floor(numberArg(L, 3) ?? 1);
  const last = Math.floor(numberArg(L, 4) ?? lua.lua_rawlen(L, 1));
  let estimate = 0;
  let count = 0;
  // Stops at the first hole (concat itself fails there) or once the result is surely too big.
  for (let i = first; i <= last && estimate <= budget.limits.maxStringBytes; i++) {
    const t = lua.lua_rawgeti(L, 1, i);
    const bytes =
      t === lua.LUA_TSTRING ? lua.lua_rawlen(L, -1) : t === lua.LUA_TNUMBER ? NUMBER_TEXT_BYTES : -1;
    lua.lua_pop(L, 1);
    if (bytes < 0) break;
    estimate += bytes + (count > 0 ? sep : 0);
    count++;
  }
  budget.checkStringSize(L, estimate);
  budget.chargeInstructions(L, count * CONCAT_ELEMENT_COST);
};

/** table.insert(t, pos, v) and table.remove(t, pos) shift the elements after pos; appending
 *  (insert(t, v)) and popping (remove(t)) are cheap. `positionedArgs` is the arity with a position. */
function chargeShift(positionedArgs: number): Before {
  return (L, budget) => {
    let shifted = 0;
    if (lua.lua_gettop(L) >= positionedArgs && lua.lua_type(L, 1) === lua.LUA_TTABLE) {
      shifted = Math.max(0, lua.lua_rawlen(L, 1) - (numberArg(L, 2) ?? 0));
    }
    budget.chargeInstructions(L, 1 + shifted * SHIFT_COST);
  };
}

function tableLength(L: LuaState): number {
  return lua.lua_type(L, 1) === lua.LUA_TTABLE ? lua.lua_rawlen(L, 1) : 0;
}

const beforeSort: Before = (L, budget) => {
  const n = tableLength(L);
  budget.chargeInstructions(L, 1 + Math.ceil(n * Math.log2(n + 1) * SORT_COMPARE_COST));
};

const beforeScan: Before = (L, budget) =>
  budget.chargeInstructions(L, 1 + tableLength(L) * SCAN_ELEMENT_COST);

const beforeMove: Before = (L, budget) => {
  const from = numberArg(L, 2) ?? 0;
  const to = numberArg(L, 3) ?? 0;
  budget.chargeInstructions(L, 1 + Math.max(0, Math.min(to - from + 1, Number.MAX_SAFE_INTEGER)));
};

/** The metered version of library function `qualifiedName` ("string.rep", "pcall"). */
export function meterLibraryFunction(qualifiedName: string, original: CFunction): CFunction {
  switch (qualifiedName) {
    case 'string.rep':
      return metered(original, beforeRep);
    case 'string.format':
      return metered(original, beforeFormat, chargeStringResults);
    case 'string.gsub':
      return metered(original, beforeGsub, chargeStringResults);
    case 'string.find':
      return metered(original, beforeFind, chargeStringResults);
    case 'string.match':
    case 'string.gmatch':
      return metered(original, beforeMatch, chargeStringResults);
    case 'string.byte':
    case 'table.unpack':
      return metered(original, chargeArguments, chargeResultCount);
    case 'table.concat':
      return metered(original, beforeTableConcat, chargeStringResults);
    case 'table.insert':
      return metered(original, chargeShift(3));
    case 'table.remove':
      return metered(original, chargeShift(2));
    case 'table.sort':
      return metered(original, beforeSort);
    case 'table.maxn':
      return metered(original, beforeScan);
    case 'table.move':
      return metered(original, beforeMove);
    default:
      return qualifiedName.startsWith('string.')
        ? metered(original, chargeArguments, chargeStringResults)
        : metered(original, chargeArguments);
  }
}
