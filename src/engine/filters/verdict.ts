// What one filter kind says about an event: pass or not, and an error when it could not decide.
// Argo returns (bool, error); a reason is added here so the audit can say why an event was dropped.

export interface FilterVerdict {
  pass: boolean;
  /** why it did not pass (audit); absent when it passed */
  reason?: string;
  /** an error that made the filter fail (Argo's error return) */
  error?: string;
}

export const PASS: FilterVerdict = { pass: true };

export function fail(reason: string): FilterVerdict {
  return { pass: false, reason };
}

export function errored(error: string): FilterVerdict {
  return { pass: false, reason: error, error };
}

/** Any thrown value as a message, never with a stack (audit records are user-facing). */
export function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
