// The two ways a user program is stopped. They must stay apart:
// - BudgetExceeded: the program used up its own deterministic budget (steps, bytes, depth). The same
//   program on the same input fails the same way on every run and on replay, so the engine records
//   it as a rejection decision with this message.
// - TaskDeadlineExceeded: the real-clock backstop fired. Whether it fires depends on the machine's
//   load, not on the program, so it must never become a decision: it propagates out of the engine's
//   step() and fails the workflow task, which Temporal retries later.

export type BudgetLimit = 'steps' | 'bytes' | 'depth';

const UNITS: Record<BudgetLimit, string> = { steps: 'steps', bytes: 'bytes', depth: 'levels of nesting' };

export class BudgetExceeded extends Error {
  constructor(
    /** What ran out of budget, for the message: "template", "jq program", "Lua script", … */
    readonly program: string,
    readonly limit: BudgetLimit,
    readonly max: number,
    hint = '',
  ) {
    super(`${program} exceeded its budget of ${max} ${UNITS[limit]}${hint ? `: ${hint}` : ''}`);
    this.name = 'BudgetExceeded';
  }
}

export class TaskDeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(
      'the workflow task ran past its real-clock deadline while evaluating a user program; ' +
        'the task fails and Temporal retries it',
    );
    this.name = 'TaskDeadlineExceeded';
  }
}

/** For catch blocks that turn errors into decisions: lets the backstop through untouched. */
export function rethrowTaskDeadline(e: unknown): void {
  if (e instanceof TaskDeadlineExceeded) throw e;
}
