// Reads the real clock only every DEADLINE_CHECK_INTERVAL steps of one program run.

import { checkTaskDeadline, DEADLINE_CHECK_INTERVAL } from './task-deadline.js';

export class DeadlinePacer {
  private next = DEADLINE_CHECK_INTERVAL;

  /** `stepsSoFar` is the run's running total; throws TaskDeadlineExceeded when the deadline passed. */
  reached(stepsSoFar: number): void {
    if (stepsSoFar < this.next) return;
    this.next = stepsSoFar + DEADLINE_CHECK_INTERVAL;
    checkTaskDeadline();
  }
}
