// The Sensor workflow's public surface: id scheme, signals, queries and input. Imported by the
// workflow itself and by clients (CLI, ingress, tests).
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CloudEvent } from '../engine/cloudevent.js';
import type { Decision, EngineState, SensorRef } from '../engine/types.js';
import type { SensorSpec } from './manifest-types.js';

export const sensorWorkflowId = (namespace: string, name: string): string => `sensor:${namespace}/${name}`;

export const eventSignal = defineSignal<[CloudEvent | CloudEvent[]]>('event');
export const specSignal = defineSignal<[SensorSpec]>('spec');
export const deleteSignal = defineSignal<[]>('delete');

export const stateQuery = defineQuery<EngineState>('state');
export const decisionsQuery = defineQuery<Decision[], [number?]>('decisions');

export interface SensorWorkflowOptions {
  /** continue-as-new once history has this many events (Temporal may suggest it earlier) */
  historyEventLimit?: number;
  /** decisions kept in memory for the `decisions` query */
  recentDecisions?: number;
  /** StartToClose timeout of a trigger attempt, ms (default 60 s) */
  triggerTimeoutMs?: number;
  /** a trigger attempt whose worker stops heartbeating this long is retried elsewhere, ms (default 10 s) */
  triggerHeartbeatTimeoutMs?: number;
  /** fires running at once per Sensor; the rest wait in order (default 100, Temporal allows 2,000) */
  maxInflightFires?: number;
  /** queued events handled per workflow task before yielding (default 100) */
  eventsPerTask?: number;
  /** continue-as-new after this many signals in one run (default 5,000; Temporal refuses the 10,001st) */
  signalLimit?: number;
  /** continue-as-new once history reaches this many bytes (default 16 MB; Temporal's limit is 50 MB) */
  historyBytesLimit?: number;
  /** byte budget of everything carried into the next run (default 1 MB; Temporal's payload limit is 2 MB) */
  carryBudgetBytes?: number;
}

export interface SensorWorkflowInput {
  sensor: SensorRef;
  spec: SensorSpec;
  /** engine state carried across continue-as-new (plain JSON) */
  state?: EngineState;
  /** events received by the previous run and not yet processed */
  pending?: CloudEvent[];
  /** the previous run's most recent decisions (summaries since v2), so the `decisions` query spans runs */
  recentDecisions?: Decision[];
  options?: SensorWorkflowOptions;
}
