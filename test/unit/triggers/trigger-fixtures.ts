// Trigger requests for unit tests, made the way the Sensor workflow makes them: a one-dependency
// Sensor, one event through the engine, and the FireEffect it decides.
import { initialState, step } from '../../../src/engine/index.js';
import type { FireEffect } from '../../../src/engine/types.js';
import type { SensorSpec } from '../../../src/vocabulary/manifest-types.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';
import type { TriggerRequest } from '../../../activities/trigger-context.js';

export const DEP = 'test-dep';
let seq = 0;

/** The fire of `trigger` (a Sensor trigger: {template, parameters?, policy?}) for one event. */
export function fireFor(trigger: Record<string, unknown>, data: unknown = {}, eventId?: string): FireEffect {
  const spec = {
    dependencies: [{ name: DEP, eventSourceName: 'webhook', eventName: 'example' }],
    triggers: [trigger],
  } as unknown as SensorSpec;
  const now = Date.UTC(2024, 0, 15, 12, 0, 0);
  const state = initialState({ namespace: 'default', name: 'test-sensor' }, spec, now);
  const r = step(state, {
    kind: 'event',
    now,
    event: {
      specversion: '1.0',
      id: eventId ?? `evt-${++seq}`,
      source: 'webhook',
      subject: 'example',
      type: 'webhook',
      datacontenttype: 'application/json',
      data,
    },
  });
  const fire = r.effects[0];
  if (!fire) throw new Error(`no fire: ${JSON.stringify(r.decisions)}`);
  return fire;
}

export function requestFor(
  fire: FireEffect,
  opts: { attempt?: number; secrets?: Record<string, string>; namespace?: string } = {},
): TriggerRequest {
  return {
    sensor: { namespace: opts.namespace ?? 'default', name: 'test-sensor' },
    fire,
    attempt: opts.attempt ?? 1,
    services: { secrets: createSecretStore({ env: opts.secrets ?? {}, dir: '/nonexistent' }) },
  };
}

/** Runs `fn` expecting a trigger failure; returns it (an ApplicationFailure). */
export async function failureOf(
  fn: () => Promise<unknown>,
): Promise<{ message: string; nonRetryable: boolean; type?: string; cause?: unknown }> {
  try {
    await fn();
  } catch (e) {
    return e as { message: string; nonRetryable: boolean; type?: string; cause?: unknown };
  }
  throw new Error('expected the trigger to fail');
}
