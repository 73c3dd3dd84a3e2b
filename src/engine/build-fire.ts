// Turns "trigger T fires with these events" into a FireEffect: trigger-level parameters applied
// to the template, the inline resource and the payload built, and an idempotency key derived
// from the decision so a retried or replayed fire is recognisable downstream.
import type { Trigger, TriggerParameter } from '../vocabulary/manifest-types.js';
import type { EventView } from './cloudevent.js';
import { applyParameters, constructPayload } from './parameters/apply-parameters.js';
import { hash128 } from './stable-json.js';
import { triggerTypesOf } from './trigger-types.js';
import type { FireEffect, RetryPolicySpec, SensorRef } from './types.js';

function idempotencyKeyOf(
  sensor: SensorRef,
  trigger: string,
  events: Record<string, EventView>,
  dlqOf: string | undefined,
): string {
  const parts = Object.keys(events)
    .sort()
    .map((dep) => `${dep}=${events[dep]!.context.id}`);
  return hash128(`${sensor.namespace}/${sensor.name}|${trigger}|${dlqOf ? 'dlq' : ''}|${parts.join('&')}`);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

interface TypeSpec {
  source?: { resource?: unknown };
  parameters?: TriggerParameter[];
  payload?: TriggerParameter[];
  [k: string]: unknown;
}

/** Throws ParameterError when a parameter cannot be resolved (the caller records it). */
export function buildFire(args: {
  sensor: SensorRef;
  trigger: Trigger;
  fireId: string;
  events: Record<string, EventView>;
  retry: RetryPolicySpec;
  now: number;
  dlqOf?: string;
}): FireEffect {
  const { trigger, events, now } = args;
  let template = clone(trigger.template ?? { name: '' }) as Record<string, unknown>;
  template = applyParameters(template, trigger.parameters, events, now) as Record<string, unknown>;
  const name = String(template.name ?? trigger.template?.name ?? '');
  const type = triggerTypesOf(template)[0] ?? 'unknown';
  const typeSpec = (template[type] ?? {}) as TypeSpec;
  let resource: unknown;
  const isResourceTrigger = type === 'k8s' || type === 'argoWorkflow';
  if (isResourceTrigger) {
    // Resource triggers: their parameters apply to the object they create.
    if (typeSpec.source?.resource !== undefined) {
      resource = applyParameters(clone(typeSpec.source.resource), typeSpec.parameters, events, now);
    }
  } else if (typeSpec.parameters) {
    // Other triggers: their parameters apply to the trigger's own spec (url, headers, …).
    const { parameters, ...rest } = typeSpec;
    template[type] = { ...(applyParameters(rest, parameters, events, now) as object), parameters };
  }
  const fire: FireEffect = {
    kind: 'fire',
    fireId: args.fireId,
    trigger: name,
    triggerType: type,
    template,
    events,
    idempotencyKey: idempotencyKeyOf(args.sensor, name, events, args.dlqOf),
    retry: args.retry,
  };
  if (resource !== undefined) fire.resource = resource;
  if (Array.isArray(typeSpec.payload)) {
    const payload = constructPayload(typeSpec.payload, events, now);
    if (payload !== undefined) fire.payload = payload;
  }
  if (trigger.policy) fire.policy = clone(trigger.policy) as Record<string, unknown>;
  if (args.dlqOf) fire.dlqOf = args.dlqOf;
  return fire;
}
