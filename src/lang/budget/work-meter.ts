// Process-wide count of the work user programs did since the last reset: every evaluator adds the
// steps it charged to its own budget. The Sensor workflow resets it at the start of a workflow task
// and reads it between events to cut a long batch into bounded chunks. The counts are the same on
// every run of the same inputs, so chunk boundaries (and so the history) replay identically.
// A JavaScript isolate runs one workflow task at a time, so one counter is enough.

let used = 0;

/** Adds `steps` of work (called by the evaluators). */
export function chargeWork(steps: number): void {
  used += steps;
}

/** Work charged since the last resetWork(). */
export function workUsed(): number {
  return used;
}

/** Starts a new count (call at the start of each workflow task or chunk). */
export function resetWork(): void {
  used = 0;
}
