// The trigger activity: runs the fire the engine decided, with the attempt number Temporal's
// retry policy reached, and applies retryStrategy.jitter before retries.
import { Context } from '@temporalio/activity';
import type { FireEffect, SensorRef } from '../src/engine/types.js';
import type { TriggerServices } from './trigger-context.js';
import { triggerConfigError } from './trigger-errors.js';
import { findTriggerType } from './triggers/registry.js';
import { recordTriggerAttempt } from '../src/metrics/record-trigger.js';

export interface RunTriggerInput {
  sensor: SensorRef;
  fire: FireEffect;
}

export interface TriggerOutcome {
  attempt: number;
  detail: unknown;
}

export function createTriggerActivities(services: TriggerServices) {
  return {
    async runTrigger(input: RunTriggerInput): Promise<TriggerOutcome> {
      const ctx = Context.current();
      const attempt = ctx.info.attempt;
      const { fire } = input;
      if (attempt > 1 && fire.retry.jitter > 0) {
        // Temporal's retry policy has no jitter: add it here, as a fraction of this attempt's backoff.
        const backoff = fire.retry.initialIntervalMs * fire.retry.backoffCoefficient ** (attempt - 2);
        await ctx.sleep(Math.random() * fire.retry.jitter * backoff);
      }
      const impl = findTriggerType(fire.triggerType);
      if (!impl) throw triggerConfigError(`unsupported trigger type: ${fire.triggerType}`, attempt);
      // Heartbeat while the trigger runs, so a dead worker's attempt is retried within the heartbeat timeout.
      const beat = setInterval(() => ctx.heartbeat(), 1000);
      const started = Date.now();
      try {
        const detail = await impl.run({ sensor: input.sensor, fire, attempt, services });
        recordTriggerAttempt(input.sensor, fire, attempt, Date.now() - started);
        return { attempt, detail };
      } catch (e) {
        recordTriggerAttempt(input.sensor, fire, attempt, Date.now() - started, e);
        throw e;
      } finally {
        clearInterval(beat);
      }
    },
  };
}

export type TriggerActivities = ReturnType<typeof createTriggerActivities>;
