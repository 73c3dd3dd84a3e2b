// Default per-run budgets, calibrated so the worst case of each program kind takes about 50 ms on
// one core of the development machine (figures in the README, "Bounds on user programs").

/** Lua VM instructions per script run (fengari, hook on every instruction: 100k took 19-87 ms). */
export const LUA_MAX_INSTRUCTIONS = 100_000;
/** Largest single string a Lua script, template or jq program may build. */
export const MAX_STRING_BYTES = 1024 * 1024;
/** Total bytes of strings one Lua run may build. */
export const LUA_MAX_TOTAL_STRING_BYTES = 8 * 1024 * 1024;
/** jq steps per run (500k steps: 11-80 ms, see README). */
export const JQ_MAX_STEPS = 500_000;
/** Go template execution steps per render (a function call costs 20; 500k steps took 60-76 ms). */
export const TEMPLATE_MAX_STEPS = 500_000;
/** Nested {{template}} calls (Go allows 100000; real templates nest a handful). */
export const TEMPLATE_MAX_DEPTH = 100;
/** Work (steps, summed over programs) one workflow task should do before the workflow yields. */
export const WORK_PER_TASK = 2_000_000;
/** Nesting depth of a value a program produces (or reads, where it recurses over it). */
export const MAX_VALUE_DEPTH = 1000;
