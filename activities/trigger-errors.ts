// Trigger failures as Temporal application failures: retryable by default, non-retryable when
// retrying cannot help (the trigger is misconfigured, or the target refuses Eventide). The cause
// of a wrapped error is kept.
import { createRequire } from 'node:module';
import type { ApplicationFailure } from '@temporalio/common';
import {
  TRIGGER_CONFIG_ERROR,
  TRIGGER_ERROR,
  TRIGGER_PERMISSION_ERROR,
  type TriggerFailureType,
} from './trigger-failure-types.js';

// The Temporal SDK is required at the first failure, not at load: every trigger folder imports
// this file, and `eventide validate` (which loads those folders for their rules) must not pay for
// the SDK. A failure is built synchronously, hence require (the same module instance `import` gets).
const requireSdk = createRequire(import.meta.url);

function triggerFailure(
  type: TriggerFailureType,
  nonRetryable: boolean,
  message: string,
  attempt: number,
  cause: unknown,
): ApplicationFailure {
  const { ApplicationFailure: Failure } = requireSdk('@temporalio/common') as typeof import('@temporalio/common');
  return Failure.create({
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
