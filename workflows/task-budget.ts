// How much one Sensor workflow task may do before it yields (bounded-sensor.ts) and lets the next task
// carry on. Charged by counts, JSON bytes and the steps user programs ran (src/lang/budget's work
// meter), never wall time, so a replay yields at exactly the same points as the original run.
// The real-clock task deadline is only a backstop: past it, evaluators throw
// TaskDeadlineExceeded, the workflow task fails cleanly and Temporal retries it, long before the
// SDK's 5 s deadlock detector would take the worker process down. It never decides where a task
// yields.
import {
  clearTaskDeadline,
  realNowMs,
  resetWork,
  setTaskDeadline,
  WORK_PER_TASK,
  workUsed,
} from '../src/lang/budget/index.js';

/** Real time one chunk of work may take before the backstop fails the task (SDK deadline: 5 s). */
const TASK_DEADLINE_MS = 2_000;

export interface TaskLimits {
  /** items (events, results, spec updates) handled per task */
  items: number;
  /** JSON bytes of items handled plus fires scheduled per task: keeps completions far below gRPC's 4 MB */
  bytes: number;
}

export const DEFAULT_TASK_LIMITS: TaskLimits = { items: 100, bytes: 512 * 1024 };

export interface TaskBudget {
  charge(items: number, bytes: number): void;
  /** true once this task did its share: stop taking new work and yield */
  exhausted(): boolean;
  end(): void;
}

export function beginTask(limits: TaskLimits): TaskBudget {
  let items = 0;
  let bytes = 0;
  resetWork();
  setTaskDeadline(realNowMs() + TASK_DEADLINE_MS);
  return {
    charge(i, b) {
      items += i;
      bytes += b;
    },
    exhausted: () => items >= limits.items || bytes >= limits.bytes || workUsed() >= WORK_PER_TASK,
    end() {
      clearTaskDeadline();
    },
  };
}

/** JSON size of a value, as Temporal's JSON payload converter would roughly encode it. */
export function jsonBytes(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
