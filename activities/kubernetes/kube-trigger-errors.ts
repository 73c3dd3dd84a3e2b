// Kubernetes failures as trigger failures. Like Argo (IsRetryableKubeAPIError), answers that a
// retry cannot change — not found, forbidden, invalid, method not allowed, bad request — fail
// the trigger at once, and so does creating a name that exists (it is not this fire's object,
// see create-once.ts); everything else (network, 5xx, 409 conflicts, 429) is retried.
// 401/403 are permission failures (not configuration ones) and say which grant is missing.
import type { ApplicationFailure } from '@temporalio/common';
import { retryableTriggerError, triggerConfigError, triggerPermissionError } from '../trigger-errors.js';
import { KubeApiError, UnknownKindError } from '../../src/kubernetes/kube-client.js';
import { NoClusterError } from '../../src/kubernetes/kube-connection.js';

const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 405, 415, 422]);

function isPermanentKubeError(e: unknown): boolean {
  if (e instanceof UnknownKindError) return true;
  return e instanceof KubeApiError && (PERMANENT_STATUSES.has(e.status) || e.reason === 'AlreadyExists');
}

function permissionHint(status: number): string {
  return status === 401
    ? 'the cluster did not accept the credentials: check the kubeconfig user or the service account token'
    : "grant Eventide's service account this verb on this resource (a Role or ClusterRole and its binding)";
}

/** `what` says what was being done, e.g. "k8s trigger: create Workflow default/hello-*". */
export function kubeTriggerError(e: unknown, what: string, attempt: number): ApplicationFailure {
  if (e instanceof NoClusterError) return retryableTriggerError(`${what}: ${e.message}`, attempt, e);
  const detail = e instanceof Error ? e.message : String(e);
  const cause = (e as { code?: string; cause?: { code?: string } }).cause?.code;
  const message = `${what}: ${detail}${cause && !detail.includes(cause) ? ` (${cause})` : ''}`;
  if (e instanceof KubeApiError && (e.status === 401 || e.status === 403))
    return triggerPermissionError(`${message}; ${permissionHint(e.status)}`, attempt, e);
  if (e instanceof UnknownKindError)
    return triggerConfigError(
      `${message}; install its CustomResourceDefinition or fix apiVersion/kind`,
      attempt,
      e,
    );
  return isPermanentKubeError(e)
    ? triggerConfigError(message, attempt, e)
    : retryableTriggerError(message, attempt, e);
}
