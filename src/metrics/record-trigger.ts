// One trigger attempt as metrics and, when it is the last one, as one log line: "trigger X of
// Sensor Y gave up after N attempts: <reason>" (the SDK's per-attempt stack goes to debug).
import type { FireEffect, SensorRef } from '../engine/types.js';
import { logger } from '../logging/logger.js';
import { actionDuration, actionFailed, actionRetriesFailed, actionTriggered } from './eventide-metrics.js';

function nonRetryable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { nonRetryable?: unknown }).nonRetryable === true;
}

function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] ?? msg;
}

export function recordTriggerAttempt(
  sensor: SensorRef,
  fire: FireEffect,
  attempt: number,
  durationMs: number,
  error?: unknown,
): void {
  // A dlqTrigger fire carries the name of the trigger that gave up; count it under its own name.
  const dlqName = fire.dlqOf && typeof fire.template.name === 'string' ? fire.template.name : undefined;
  const name = dlqName ?? fire.trigger;
  const labels = { namespace: sensor.namespace, sensor_name: sensor.name, trigger_name: name };
  actionDuration.observe(labels, durationMs);
  const log = logger().child({ component: 'trigger' });
  const fields = {
    sensor: `${sensor.namespace}/${sensor.name}`,
    trigger: fire.trigger,
    fireId: fire.fireId,
    attempt,
  };
  if (error === undefined) {
    actionTriggered.inc(labels);
    log.debug(fields, `trigger ${name} of Sensor ${sensor.name} succeeded on attempt ${attempt}`);
    return;
  }
  actionFailed.inc(labels);
  const last = nonRetryable(error) || attempt >= fire.retry.maximumAttempts;
  if (!last) {
    log.debug({ ...fields, error: reason(error) }, `trigger ${name} attempt ${attempt} failed`);
    return;
  }
  actionRetriesFailed.inc(labels);
  const attempts = `${attempt} attempt${attempt === 1 ? '' : 's'}`;
  log.warn(
    { ...fields, error: reason(error) },
    `trigger ${name} of Sensor ${sensor.name} gave up after ${attempts}: ${reason(error)}`,
  );
}
