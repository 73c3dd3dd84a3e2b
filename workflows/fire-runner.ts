// Runs one fire as a `runTrigger` activity and turns whatever happens into the engine's result
// input. Never throws: a failed trigger is an outcome, not a workflow error.
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { FireEffect, SensorRef } from '../src/engine/types.js';
import type { TriggerActivities, TriggerOutcome } from '../activities/run-trigger.js';
import type { SensorWorkflowOptions } from '../src/vocabulary/sensor-api.js';
import { TRIGGER_CONFIG_ERROR, TRIGGER_PERMISSION_ERROR } from '../activities/trigger-failure-types.js';
import type { FireTrace } from '../src/tracing/trace-context.js';
import { inFireTrace } from '../src/tracing/workflow-trace-scope.js';

export interface FireResult {
  fireId: string;
  outcome: 'succeeded' | 'failed';
  attempts?: number;
  error?: string;
  detail?: unknown;
}

export function runFire(
  sensor: SensorRef,
  fire: FireEffect,
  options: SensorWorkflowOptions,
  /** attempts already made in a batch; fire.retry then holds the attempts left */
  attemptOffset = 0,
  /** the trace of the fire's event; absent on runs before the trace patch (their inputs stay as recorded) */
  trace?: FireTrace,
): Promise<FireResult> {
  const { runTrigger } = proxyActivities<TriggerActivities>({
    startToCloseTimeout: options.triggerTimeoutMs ?? 60_000,
    // A worker that dies mid-trigger is noticed by its missing heartbeat, not after the full timeout.
    heartbeatTimeout: options.triggerHeartbeatTimeoutMs ?? 10_000,
    retry: {
      maximumAttempts: fire.retry.maximumAttempts,
      initialInterval: fire.retry.initialIntervalMs,
      backoffCoefficient: fire.retry.backoffCoefficient,
      nonRetryableErrorTypes: [TRIGGER_CONFIG_ERROR, TRIGGER_PERMISSION_ERROR],
    },
  });
  const input = {
    sensor,
    fire,
    ...(attemptOffset > 0 ? { attemptOffset } : {}),
    ...(trace ? { trace } : {}),
  };
  // Scheduled inside the event's trace: the StartActivity/RunActivity spans join it.
  return inFireTrace(trace, () => runTrigger(input)).then(
    (r: TriggerOutcome): FireResult => ({
      fireId: fire.fireId,
      outcome: 'succeeded',
      attempts: r.attempt,
      detail: r.detail,
    }),
    (err: unknown): FireResult => {
      const cause = err instanceof ActivityFailure ? err.cause : err;
      const message = cause instanceof Error ? cause.message : String(cause);
      const attempt = (cause instanceof ApplicationFailure ? cause.details?.[0] : undefined) as
        { attempt?: unknown } | undefined;
      const attempts =
        typeof attempt?.attempt === 'number' ? attempt.attempt : fire.retry.maximumAttempts + attemptOffset;
      return { fireId: fire.fireId, outcome: 'failed', attempts, error: message };
    },
  );
}
