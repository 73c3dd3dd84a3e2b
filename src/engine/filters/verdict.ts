// What one filter kind says about an event: pass or not, and an error when it could not decide.
import { rethrowTaskDeadline } from '../../lang/budget/index.js';

// Argo returns (bool, error); a reason is added here so the audit can say why an event was dropped.

export interface FilterVerdict {
  pass: boolean;
  /** why it did not pass (audit); absent when it passed */
  reason?: string;
  /** an error that made the filter fail (Argo's error return) */
  error?: string;
}

export const PASS: FilterVerdict = { pass: true };

/** Reasons are kept in decisions and Temporal history: long ones are cut. */
const MAX_REASON = 2000;

function capped(text: string): string {
  return text.length > MAX_REASON
    ? `${text.slice(0, MAX_REASON)}… (${text.length - MAX_REASON} more characters)`
    : text;
}

export function fail(reason: string): FilterVerdict {
  return { pass: false, reason: capped(reason) };
}

export function errored(error: string): FilterVerdict {
  const text = capped(error);
  return { pass: false, reason: text, error: text };
}

/**
 * Any thrown value as a message, never with a stack (audit records are user-facing). Every catch
 * that turns an error into a decision goes through here, so this is where the real-clock backstop
 * is let through: TaskDeadlineExceeded is rethrown, never made into a reason (see lang/budget).
 */
export function messageOf(e: unknown): string {
  rethrowTaskDeadline(e);
  if (e instanceof Error) return e.message;
  return String(e);
}

/** A user-supplied string for a reason: quoted, and cut short so audit records stay small. */
export function quoted(s: unknown, max = 200): string {
  const text = typeof s === 'string' ? s : String(s);
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
