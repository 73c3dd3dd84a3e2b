// The real wall clock, also inside the Temporal workflow sandbox. There the SDK freezes Date.now()
// at the workflow task's time (deterministic), but it keeps the original Date's prototype
// (global-overrides.js sets `Date.prototype = OriginalDate.prototype`), so the constructor reached
// through an instance is the unpatched Date, whose now() advances. Outside the sandbox the two are
// the same function. Only the task-deadline backstop may read this: it decides whether a task is
// retried, never what the engine decides.

type DateConstructorLike = { now(): number };

export function realNowMs(): number {
  return (new Date().constructor as unknown as DateConstructorLike).now();
}
