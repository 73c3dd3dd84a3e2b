// How much one Sensor workflow task may do before it yields (sleep(1)) and lets the next task
// carry on. Charged by counts and JSON bytes only, never wall time, so a replay yields at exactly
// the same points as the original run.
//
// TODO(wt-budgets, at merge): begin() should also call `resetWork()` and
// `setTaskDeadline(TASK_DEADLINE_MS)` from src/lang/budget/, exhausted() should also stop once
// `workUsed()` passes WORK_PER_TASK (steps charged by user programs: deterministic), and end()
// should call `clearTaskDeadline()`. The deadline is only a real-clock backstop that fails the
// task with TaskDeadlineExceeded; it must never decide where a task yields.

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
  return {
    charge(i, b) {
      items += i;
      bytes += b;
    },
    exhausted: () => items >= limits.items || bytes >= limits.bytes,
    end() {
      // TODO(wt-budgets): clearTaskDeadline()
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
