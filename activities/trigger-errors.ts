// Trigger failures as Temporal application failures: retryable by default, non-retryable when
// retrying cannot help (the trigger is misconfigured).
import { ApplicationFailure } from '@temporalio/common';

export function retryableTriggerError(message: string, attempt: number): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: 'TriggerError',
    nonRetryable: false,
    details: [{ attempt }],
  });
}

export function triggerConfigError(message: string, attempt: number): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: 'TriggerConfigError',
    nonRetryable: true,
    details: [{ attempt }],
  });
}
