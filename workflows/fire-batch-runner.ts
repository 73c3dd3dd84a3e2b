// Runs fires the engine decided together as one `runTriggerBatch` activity: one activity
// execution (three history events) for the batch instead of one per fire. Each fire keeps its
// own idempotency key, outcome and retry accounting: the batch makes the first attempt of every
// fire; a fire whose attempt failed with a retryable error (or whose batch was lost with its
// worker) is retried alone, through `runFire`, with the attempts and backoff it has left.
// Why activities and not local activities: a local activity's result is recorded only when the
// workflow task completes, so a long trigger would hold the task open (or retry it from the
// start after a worker crash); a batch activity is as durable as a single one and costs the
// same history as one fire.
import { ActivityFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { FireEffect, SensorRef } from '../src/engine/types.js';
import type { TriggerActivities, TriggerBatchOutcome } from '../activities/run-trigger.js';
import type { SensorWorkflowOptions } from '../src/vocabulary/sensor-api.js';
import { runFire, type FireResult } from './fire-runner.js';
import type { FireTrace } from '../src/tracing/trace-context.js';

function message(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

/** One attempt was made: retry alone with what is left of the fire's policy, or give up. */
async function retryAlone(
  sensor: SensorRef,
  fire: FireEffect,
  options: SensorWorkflowOptions,
  error: string,
  trace: FireTrace | undefined,
): Promise<FireResult> {
  const left = fire.retry.maximumAttempts - 1;
  if (left < 1) return { fireId: fire.fireId, outcome: 'failed', attempts: 1, error };
  // The wait Temporal's retry policy would have made before the second attempt.
  await sleep(Math.max(1, fire.retry.initialIntervalMs));
  const rest: FireEffect = {
    ...fire,
    retry: {
      ...fire.retry,
      maximumAttempts: left,
      initialIntervalMs: fire.retry.initialIntervalMs * fire.retry.backoffCoefficient,
    },
  };
  return runFire(sensor, rest, options, 1, trace);
}

/** One promise per fire, in order; each settles when that fire's outcome is known. */
export function runFireBatch(
  sensor: SensorRef,
  fires: FireEffect[],
  options: SensorWorkflowOptions,
  /** fireId → the trace of that fire's event (each fire keeps its own; README "Tracing") */
  traces?: Record<string, FireTrace>,
): Promise<FireResult>[] {
  const { runTriggerBatch } = proxyActivities<TriggerActivities>({
    startToCloseTimeout: options.triggerTimeoutMs ?? 60_000,
    heartbeatTimeout: options.triggerHeartbeatTimeoutMs ?? 10_000,
    // One attempt: every fire's later attempts are its own.
    retry: { maximumAttempts: 1 },
  });
  const input = traces && Object.keys(traces).length > 0 ? { sensor, fires, traces } : { sensor, fires };
  // The batch activity belongs to no single event's trace: each fire's span inside it does.
  const batch: Promise<TriggerBatchOutcome | string> = runTriggerBatch(input).catch(message);
  return fires.map(async (fire): Promise<FireResult> => {
    const r = await batch;
    if (typeof r === 'string') return retryAlone(sensor, fire, options, r, traces?.[fire.fireId]);
    const o = r.outcomes.find((x) => x.fireId === fire.fireId);
    if (o?.ok) return { fireId: fire.fireId, outcome: 'succeeded', attempts: 1, detail: o.detail };
    const error = o ? o.error : 'the batch returned no outcome for this fire';
    if (o && o.nonRetryable) return { fireId: fire.fireId, outcome: 'failed', attempts: 1, error };
    return retryAlone(sensor, fire, options, error, traces?.[fire.fireId]);
  });
}
