// Bounds on user-supplied programs (Lua scripts, jq, Go templates, expr, govaluate) evaluated inside
// the Sensor workflow.
//
// Evaluation stays in the workflow, so it must decide the same on replay. Two mechanisms:
//
// 1. Deterministic budgets. Each program run has a budget of steps and bytes (defaults.ts, calibrated
//    so the worst case of each kind takes about 50 ms on an idle core). Running out throws the
//    evaluator's limit error (BudgetExceeded or the language's own limit error, whose message says
//    which limit and its number); the engine records it as a rejection. Every run also adds its
//    steps to the process-wide work meter:
//      resetWork()      at the start of a workflow task (or of a chunk of events);
//      workUsed()       between events: once it passes WORK_PER_TASK, stop and continue in a new
//                       task (the count is deterministic, so the cut replays identically);
//      chargeWork(n)    called by the evaluators, not by the workflow.
//
// 2. A real-clock backstop, for a machine so loaded that a budgeted program still runs too long:
//      setTaskDeadline(realNowMs() + ms)   when the workflow task starts;
//      clearTaskDeadline()                 when it ends.
//    Evaluators check it every few thousand steps and throw TaskDeadlineExceeded, which the engine
//    never turns into a decision: it propagates out of step(), the workflow task fails, and
//    Temporal retries it, instead of the SDK's deadlock detector killing the worker process.
//    realNowMs() is the real clock even in the sandbox, where Date.now() is frozen.

export { BudgetExceeded, rethrowTaskDeadline, TaskDeadlineExceeded } from './errors.js';
export { chargeWork, resetWork, workUsed } from './work-meter.js';
export { checkTaskDeadline, clearTaskDeadline, setTaskDeadline } from './task-deadline.js';
export { realNowMs } from './real-clock.js';
export { DeadlinePacer } from './deadline-pacer.js';
export * from './defaults.js';
