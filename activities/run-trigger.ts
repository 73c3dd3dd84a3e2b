// The trigger activities: `runTrigger` runs one fire the engine decided, with the attempt number
// Temporal's retry policy reached, and applies retryStrategy.jitter before retries;
// `runTriggerBatch` runs several fires that were decided together in one activity execution
// (one attempt each: the workflow retries a failed fire alone with its remaining attempts).
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { FireEffect, SensorRef } from '../src/engine/types.js';
import type { TriggerServices } from './trigger-context.js';
import { triggerConfigError } from './trigger-errors.js';
import { TRIGGER_CONFIG_ERROR, TRIGGER_PERMISSION_ERROR } from './trigger-failure-types.js';
import { findTriggerType } from './triggers/registry.js';
import { recordTriggerAttempt } from '../src/metrics/record-trigger.js';
import { inFireSpan } from '../src/tracing/fire-span.js';
import type { FireTrace } from '../src/tracing/trace-context.js';

export interface RunTriggerInput {
  sensor: SensorRef;
  fire: FireEffect;
  /** attempts this fire already made elsewhere (its first attempt ran in a batch) */
  attemptOffset?: number;
  /** the trace of the fire's event (README "Tracing") */
  trace?: FireTrace;
}

export interface TriggerOutcome {
  attempt: number;
  detail: unknown;
}

export interface RunTriggerBatchInput {
  sensor: SensorRef;
  fires: FireEffect[];
  /** fireId → the trace of that fire's event: each fire of a batch continues its own trace */
  traces?: Record<string, FireTrace>;
}

export type BatchFireOutcome =
  | { fireId: string; ok: true; detail: unknown }
  | { fireId: string; ok: false; error: string; nonRetryable: boolean };

export interface TriggerBatchOutcome {
  outcomes: BatchFireOutcome[];
}

const NON_RETRYABLE_TYPES: readonly string[] = [TRIGGER_CONFIG_ERROR, TRIGGER_PERMISSION_ERROR];

export function createTriggerActivities(services: TriggerServices) {
  async function runOne(
    sensor: SensorRef,
    fire: FireEffect,
    attempt: number,
    trace?: FireTrace,
  ): Promise<unknown> {
    const impl = findTriggerType(fire.triggerType);
    if (!impl) throw triggerConfigError(`unsupported trigger type: ${fire.triggerType}`, attempt);
    const started = Date.now();
    try {
      const detail = await inFireSpan(sensor, fire, attempt, trace, () =>
        impl.run({ sensor, fire, attempt, services }),
      );
      recordTriggerAttempt(sensor, fire, attempt, Date.now() - started);
      return detail;
    } catch (e) {
      recordTriggerAttempt(sensor, fire, attempt, Date.now() - started, e);
      throw e;
    }
  }

  /** Heartbeats while `work` runs, so a dead worker's attempt is noticed within the heartbeat timeout. */
  async function beating<T>(work: () => Promise<T>): Promise<T> {
    const ctx = Context.current();
    const beat = setInterval(() => ctx.heartbeat(), 1000);
    try {
      return await work();
    } finally {
      clearInterval(beat);
    }
  }

  return {
    async runTrigger(input: RunTriggerInput): Promise<TriggerOutcome> {
      const ctx = Context.current();
      const attempt = ctx.info.attempt + (input.attemptOffset ?? 0);
      const { fire } = input;
      if (attempt > 1 && fire.retry.jitter > 0) {
        // Temporal's retry policy has no jitter: add it here, as a fraction of this attempt's backoff.
        const backoff = fire.retry.initialIntervalMs * fire.retry.backoffCoefficient ** (attempt - 2);
        await ctx.sleep(Math.random() * fire.retry.jitter * backoff);
      }
      const detail = await beating(() => runOne(input.sensor, fire, attempt, input.trace));
      return { attempt, detail };
    },

    async runTriggerBatch(input: RunTriggerBatchInput): Promise<TriggerBatchOutcome> {
      const settled = await beating(() =>
        Promise.allSettled(
          input.fires.map((fire) => runOne(input.sensor, fire, 1, input.traces?.[fire.fireId])),
        ),
      );
      const outcomes = settled.map((s, i): BatchFireOutcome => {
        const fireId = input.fires[i]!.fireId;
        if (s.status === 'fulfilled') return { fireId, ok: true, detail: s.value };
        const e = s.reason as unknown;
        const nonRetryable =
          e instanceof ApplicationFailure && (e.nonRetryable || NON_RETRYABLE_TYPES.includes(e.type ?? ''));
        return { fireId, ok: false, error: e instanceof Error ? e.message : String(e), nonRetryable };
      });
      return { outcomes };
    },
  };
}

export type TriggerActivities = ReturnType<typeof createTriggerActivities>;
