// Error classes of the jq interpreter. Everything thrown out of compileJq / run is a JqError;
// the subclasses tell callers (and `try`) which failures a jq program may catch.

export class JqError extends Error {
  /** Offset (in UTF-16 code units) into the query source, when the error has a place there. */
  readonly offset: number | undefined;
  constructor(message: string, offset?: number) {
    super(message);
    this.name = 'JqError';
    this.offset = offset;
  }
}

/**
 * A run-time error raised by the program (a type error, `error(v)`, …). `try`/`?` catch these;
 * `value` is what `catch` receives: the `error` argument, or the message for built-in failures.
 */
export class JqRuntimeError extends JqError {
  readonly value: unknown;
  /** True when raised by `error(v)`: then `value` is the user's value, not a message. */
  readonly fromErrorBuiltin: boolean;
  constructor(message: string, value: unknown, fromErrorBuiltin: boolean) {
    super(message);
    this.name = 'JqRuntimeError';
    this.value = value;
    this.fromErrorBuiltin = fromErrorBuiltin;
  }
}

/** Step or depth bound exceeded. Not catchable by `try`, so a runaway program always stops. */
export class JqLimitError extends JqError {
  constructor(message: string) {
    super(message);
    this.name = 'JqLimitError';
  }
}

/** `halt` / `halt_error`: ends the program; like gojq, not catchable by `try`. */
export class JqHaltError extends JqError {
  readonly value: unknown;
  constructor(message: string, value: unknown) {
    super(message);
    this.name = 'JqHaltError';
    this.value = value;
  }
}

/**
 * How deeply nested a value may be for recursive builtins (tojson, ==, walk, setpath …).
 * A fixed bound fails deterministically, where exhausting the JS stack would depend on JIT state
 * (and so could differ between a workflow's first run and its replay).
 */
export const MAX_NESTING = 1000;

export function nestingError(): JqLimitError {
  return new JqLimitError(
    `value nested more than ${MAX_NESTING} levels deep: this jq implementation does not process deeper data`,
  );
}
