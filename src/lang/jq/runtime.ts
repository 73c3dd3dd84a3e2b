// Shapes shared by the compiler and the builtins. A compiled filter is an `Op`: it receives its
// input and calls `emit` once per output (continuation-passing, so no generator overhead).
// When `path` is set the op runs in path mode (inside path(), |=, del, …) and reports where
// each output lives in the original input.

import { DeadlinePacer, JQ_MAX_STEPS } from '../budget/index.js';
import { typePreview } from './encode.js';
import { JqLimitError, JqRuntimeError } from './errors.js';

export interface PathNode {
  readonly key: unknown;
  readonly up: PathNode | null;
  /** Set when a computed value replaced the tracked one (gojq: "path not intact"). */
  readonly broken?: { readonly value: unknown };
}

/** The empty path `[]`: path tracking is on. */
export const ROOT_PATH: PathNode = { key: undefined, up: null };

/** `undefined` means value mode (no path tracking). */
export type Path = PathNode | undefined;

export type Emit = (value: unknown, path: Path) => void;

/** Runtime environment: a linked list whose shape the compiler knows statically (see scope.ts). */
export interface Env {
  readonly v: unknown;
  readonly up: Env | null;
}

export type Op = (ctx: RunContext, input: unknown, path: Path, env: Env | null, emit: Emit) => void;

/** A filter argument bound to the environment of the call site. */
export interface Closure {
  readonly op: Op;
  readonly env: Env | null;
}

export const DEFAULT_MAX_STEPS = JQ_MAX_STEPS;
/**
 * Nested jq function calls allowed. Each level costs dozens of JS frames; a fixed bound fails the
 * same way on every run, where JS stack exhaustion would depend on JIT warm-up.
 */
export const MAX_CALL_DEPTH = 100;

export class RunContext {
  steps = 0;
  depth = 0;
  private readonly pacer = new DeadlinePacer();
  constructor(
    readonly maxSteps: number,
    /** Epoch milliseconds for `now`; undefined makes `now` an error (workflows must replay). */
    readonly now?: number,
  ) {}

  /** Charges `n` steps; every loop and call driven by the program goes through here. */
  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.maxSteps) {
      throw new JqLimitError(
        `jq program exceeded its step budget (${this.maxSteps} steps): it loops without end or does too much work; ` +
          'check repeat/while/until/recursion, or raise maxSteps',
      );
    }
    // The real-clock backstop (TaskDeadlineExceeded is no JqError, so `try` cannot catch it).
    this.pacer.reached(this.steps);
  }
}

export function extendPath(path: Path, key: unknown): Path {
  return path === undefined || path.broken ? path : { key, up: path };
}

/**
 * In path mode a computed value (a literal, `tostring`, …) is not a location in the input.
 * Like gojq, that only fails once the path is used: indexing it or reading it out.
 */
export function brokenPath(value: unknown): PathNode {
  return { key: undefined, up: null, broken: { value } };
}

/** Fails when indexing `container` through a broken path. */
export function checkIntact(path: Path, container: unknown, iterating = false): void {
  if (path !== undefined && path.broken) {
    fail(`invalid path ${iterating ? 'on iterating ' : ''}against: ${typePreview(container)}`);
  }
}

/** The path one key below `path`, checking that `container` still sits at `path`. */
export function stepPath(path: Path, container: unknown, key: unknown): Path {
  if (path === undefined) return undefined;
  checkIntact(path, container);
  return { key, up: path };
}

export function pathToArray(path: PathNode): unknown[] {
  if (path.broken) fail(`invalid path against: ${typePreview(path.broken.value)}`);
  const keys: unknown[] = [];
  for (let p: PathNode | null = path; p !== null && p.up !== null; p = p.up) keys.push(p.key);
  return keys.reverse();
}

export function appendPath(path: Path, keys: readonly unknown[]): Path {
  let p = path;
  for (const k of keys) p = extendPath(p, k);
  return p;
}

/** A catchable run-time error whose `catch` value is its message (gojq's built-in errors). */
export function fail(message: string): never {
  throw new JqRuntimeError(message, message, false);
}
