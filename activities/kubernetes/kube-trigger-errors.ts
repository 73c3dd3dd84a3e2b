// Kubernetes failures as trigger failures. Like Argo (IsRetryableKubeAPIError), answers that a
// retry cannot change — not found, forbidden, invalid, method not allowed, bad request — fail
// the trigger at once, and so does creating a name that exists (it is not this fire's object,
// see create-once.ts); everything else (network, 5xx, 409 conflicts, 429) is retried.
import type { ApplicationFailure } from '@temporalio/common';
import { retryableTriggerError, triggerConfigError } from '../trigger-errors.js';
import { KubeApiError, UnknownKindError } from '../../src/kubernetes/kube-client.js';
import { NoClusterError } from '../../src/kubernetes/kube-connection.js';

const PERMANENT_STATUSES = new Set([400, 403, 404, 405, 415, 422]);

export function isPermanentKubeError(e: unknown): boolean {
  if (e instanceof UnknownKindError) return true;
  return e instanceof KubeApiError && (PERMANENT_STATUSES.has(e.status) || e.reason === 'AlreadyExists');
}

/** `what` says what was being done, e.g. "k8s trigger: create Workflow default/hello-*". */
export function kubeTriggerError(e: unknown, what: string, attempt: number): ApplicationFailure {
  if (e instanceof NoClusterError) return retryableTriggerError(`${what}: ${e.message}`, attempt);
  const detail = e instanceof Error ? e.message : String(e);
  const cause = (e as { code?: string; cause?: { code?: string } }).cause?.code;
  const message = `${what}: ${detail}${cause && !detail.includes(cause) ? ` (${cause})` : ''}`;
  return isPermanentKubeError(e)
    ? triggerConfigError(message, attempt)
    : retryableTriggerError(message, attempt);
}
