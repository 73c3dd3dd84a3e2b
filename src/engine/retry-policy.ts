// Argo's retryStrategy (a k8s wait.Backoff) mapped onto a Temporal activity retry policy.
import type { Backoff } from '../vocabulary/manifest-types.js';
import { parseGoDuration } from '../lang/duration/index.js';
import type { RetryPolicySpec } from './types.js';

/** Without a retryStrategy Eventide still retries (at-least-once); Argo would try once. */
export const DEFAULT_RETRY: RetryPolicySpec = {
  maximumAttempts: 5,
  initialIntervalMs: 1000,
  backoffCoefficient: 2,
  jitter: 0,
};

/** Argo's Int64OrString duration: a Go duration string, or a number of nanoseconds. */
export function backoffDurationMs(d: string | number | undefined): number | undefined {
  if (d === undefined || d === '') return undefined;
  if (typeof d === 'number') return d / 1e6;
  if (/^-?\d+$/.test(d.trim())) return Number(d) / 1e6;
  return parseGoDuration(d);
}

function amount(a: string | number | undefined): number | undefined {
  if (a === undefined || a === '') return undefined;
  const n = typeof a === 'number' ? a : Number(a);
  return Number.isFinite(n) ? n : undefined;
}

export function retryPolicyOf(b: Backoff | undefined): RetryPolicySpec {
  if (!b) return DEFAULT_RETRY;
  const steps = b.steps !== undefined && b.steps > 0 ? Math.floor(b.steps) : 1;
  const initial = backoffDurationMs(b.duration) ?? 1000;
  const factor = amount(b.factor);
  const jitter = amount(b.jitter);
  return {
    maximumAttempts: steps,
    // Temporal needs a positive interval; Argo's zero duration means "retry at once".
    initialIntervalMs: Math.max(1, initial),
    backoffCoefficient: factor !== undefined && factor >= 1 ? factor : 1,
    jitter: jitter !== undefined && jitter > 0 ? Math.min(jitter, 1) : 0,
  };
}
