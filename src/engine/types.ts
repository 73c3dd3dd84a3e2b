// The engine's data: state (plain JSON, carried across continue-as-new), inputs, effects and
// decisions (the audit records). See ../../README.md "How a Sensor decides".
import type { SensorSpec } from '../vocabulary/manifest-types.js';
import type { CloudEvent, EventView } from './cloudevent.js';

export interface SensorRef {
  namespace: string;
  name: string;
}

/** Bumped when the engine would decide differently on the same history; see test/replay. */
export const ENGINE_VERSION = 1;

export interface EngineState {
  engineVersion: number;
  sensor: SensorRef;
  spec: SensorSpec;
  specHash: string;
  /** recently seen event ids, oldest first (dedupe) */
  recentIds: string[];
  triggers: Record<string, TriggerState>;
  /** fires whose activity has not reported back */
  inflight: Record<string, InflightFire>;
  /** next fire sequence number */
  seq: number;
}

interface HeldEvent {
  event: EventView;
  heldAt: number;
  /** epoch ms when a correlation window drops it */
  expiresAt?: number;
}

export interface TriggerState {
  held: Record<string, HeldEvent>;
  /** next tick of each conditionsReset.byTime entry, same order as the spec */
  resetAt: number[];
  /** rate limiting: start and end of recent fires, and fires waiting for capacity */
  rate?: RateState;
}

interface RateSlot {
  fireId: string;
  startedAt: number;
  /** set when the activity reported back; until then the slot counts as in use */
  endedAt?: number;
}

interface RateState {
  slots: RateSlot[];
  queue: FireEffect[];
}

interface InflightFire {
  trigger: string;
  /** dependency → event, for the dlqTrigger */
  events: Record<string, EventView>;
  isDlq: boolean;
  firedAt: number;
}

// ---------- inputs ----------

export type EngineInput =
  | { kind: 'event'; now: number; event: CloudEvent }
  | { kind: 'tick'; now: number }
  | { kind: 'spec'; now: number; spec: SensorSpec }
  | {
      kind: 'result';
      now: number;
      fireId: string;
      outcome: 'succeeded' | 'failed';
      attempts?: number;
      error?: string;
      detail?: unknown;
    };

// ---------- effects ----------

export interface RetryPolicySpec {
  /** total attempts (Argo's steps); 1 = no retry */
  maximumAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
  /** 0..1: fraction of each interval added at random by the activity */
  jitter: number;
}

export interface FireEffect {
  kind: 'fire';
  fireId: string;
  trigger: string;
  triggerType: string;
  /** the trigger template after trigger-level `parameters` */
  template: Record<string, unknown>;
  /** the inline `source.resource` after its parameters (k8s / argoWorkflow) */
  resource?: unknown;
  /** the body built from `payload` parameters */
  payload?: unknown;
  /** dependency → event */
  events: Record<string, EventView>;
  idempotencyKey: string;
  retry: RetryPolicySpec;
  /** `policy.status.allow` etc., passed through to the trigger */
  policy?: Record<string, unknown>;
  /** the fire this one is the dlqTrigger of */
  dlqOf?: string;
}

export type Effect = FireEffect;

// ---------- decisions ----------

export interface DependencyVerdict {
  name: string;
  accepted: boolean;
  reason?: string;
}

export type Decision =
  | {
      kind: 'event';
      at: number;
      eventId: string;
      source: string;
      subject: string;
      /** the event was rejected before matching (malformed) */
      problem?: string;
      duplicate?: boolean;
      dependencies: DependencyVerdict[];
    }
  | {
      kind: 'held';
      at: number;
      trigger: string;
      dependency: string;
      eventId: string;
      replaced?: string;
      expiresAt?: number;
    }
  | {
      kind: 'fired';
      at: number;
      trigger: string;
      fireId: string;
      events: Record<string, string>;
      idempotencyKey: string;
      template: Record<string, unknown>;
      resource?: unknown;
      payload?: unknown;
      dlqOf?: string;
      /** carried across continue-as-new without template, resource and payload (full record: history) */
      summarized?: true;
    }
  | {
      kind: 'fire-failed';
      at: number;
      trigger: string;
      fireId: string;
      events: Record<string, string>;
      error: string;
      dlqOf?: string;
    }
  | {
      kind: 'rate-limited';
      at: number;
      trigger: string;
      fireId: string;
      events: Record<string, string>;
      queued: number;
    }
  | { kind: 'expired'; at: number; trigger: string; dependency: string; eventId: string; heldAt: number }
  | {
      kind: 'reset';
      at: number;
      trigger: string;
      scheduledAt: number;
      dropped: { dependency: string; eventId: string }[];
    }
  | {
      kind: 'spec-updated';
      at: number;
      changedDependencies: string[];
      dropped: { trigger: string; dependency: string; eventId: string; why: string }[];
    }
  | {
      kind: 'result';
      at: number;
      trigger: string;
      fireId: string;
      outcome: 'succeeded' | 'failed';
      attempts?: number;
      error?: string;
      dlqOf?: string;
    };

export interface StepResult {
  state: EngineState;
  effects: Effect[];
  decisions: Decision[];
}
