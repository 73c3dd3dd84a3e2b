// Trigger failures as Temporal application failures: retryable by default, non-retryable when
// retrying cannot help (the trigger is misconfigured, or the target refuses Eventide). The cause
// of a wrapped error is kept.
import { ApplicationFailure } from '@temporalio/common';
import {
  TRIGGER_CONFIG_ERROR,
  TRIGGER_ERROR,
  TRIGGER_PERMISSION_ERROR,
  type TriggerFailureType,
} from './trigger-failure-types.js';

function triggerFailure(
  type: TriggerFailureType,
  nonRetryable: boolean,
  message: string,
  attempt: number,
  cause: unknown,
): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type,
    nonRetryable,
    details: [{ attempt }],
    ...(cause instanceof Error ? { cause } : {}),
  });
}

export function retryableTriggerError(message: string, attempt: number, cause?: unknown): ApplicationFailure {
  return triggerFailure(TRIGGER_ERROR, false, message, attempt, cause);
}

export function triggerConfigError(message: string, attempt: number, cause?: unknown): ApplicationFailure {
  return triggerFailure(TRIGGER_CONFIG_ERROR, true, message, attempt, cause);
}

/** Not retried: a permission grant does not appear by itself within a trigger's retries. */
export function triggerPermissionError(message: string, attempt: number, cause?: unknown): ApplicationFailure {
  return triggerFailure(TRIGGER_PERMISSION_ERROR, true, message, attempt, cause);
}
