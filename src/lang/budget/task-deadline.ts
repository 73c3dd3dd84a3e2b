// The real-clock backstop. A workflow task running past the SDK's isolate timeout kills the whole
// worker; deterministic budgets prevent that on a normal machine, and this deadline covers an
// overloaded one. The workflow sets it when a task starts; evaluators call checkTaskDeadline()
// every DEADLINE_CHECK_INTERVAL steps (reading the clock on every step would be slow).

import { TaskDeadlineExceeded } from './errors.js';
import { realNowMs } from './real-clock.js';

/** Steps between two clock readings: a few microseconds of work each. */
export const DEADLINE_CHECK_INTERVAL = 4096;

let deadline: number | undefined;

/** Evaluators throw TaskDeadlineExceeded once realNowMs() passes `atRealMs`. */
export function setTaskDeadline(atRealMs: number): void {
  deadline = atRealMs;
}

export function clearTaskDeadline(): void {
  deadline = undefined;
}

/** Throws TaskDeadlineExceeded when a deadline is set and has passed. */
export function checkTaskDeadline(): void {
  if (deadline !== undefined && realNowMs() > deadline) throw new TaskDeadlineExceeded(deadline);
}
