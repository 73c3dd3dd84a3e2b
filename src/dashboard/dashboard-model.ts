// What the dashboard's pages show, independent of where it is read from (Temporal in
// production, a fixed set in the route tests).
import type { CloudEvent } from '../engine/cloudevent.js';
import type { Decision } from '../engine/types.js';
import type { SensorSpec, EventSourceSpec } from '../vocabulary/manifest-types.js';

export interface ResourceKey {
  namespace: string;
  name: string;
}

export interface HeldEventView {
  trigger: string;
  dependency: string;
  eventId: string;
  heldAt: number;
  /** epoch ms when the correlation window drops it; undefined: held until the conditions are met */
  expiresAt?: number;
}

export interface SensorStatus extends ResourceKey {
  workflowId: string;
  runId?: string;
  since: Date;
  /** the workflow answered its queries (a worker runs it) */
  running: boolean;
  /** why it did not answer, when it did not */
  problem?: string;
  lastEventAt?: number;
  /** counted over `window` decisions kept live by the Sensor */
  fires: number;
  failures: number;
  dlqFires: number;
  window: number;
  held: HeldEventView[];
}

export interface EventSourceStatus extends ResourceKey {
  workflowId: string;
  since: Date;
  running: boolean;
  /** "<type>/<event name>" for every event the spec defines */
  events: string[];
  /** latest event from this EventSource any Sensor recorded */
  lastEventAt?: number;
}

export interface SensorDetail {
  status: SensorStatus;
  spec: SensorSpec;
  /** newest last */
  decisions: Decision[];
}

export interface EventSourceDetail {
  status: EventSourceStatus;
  spec: EventSourceSpec;
}

export interface FireReport {
  trigger: string;
  fireId: string;
  dlqOf?: string;
  firedAt?: number;
  /** the trigger template after parameters were resolved */
  template?: unknown;
  payload?: unknown;
  resource?: unknown;
  outcome: 'succeeded' | 'failed' | 'running' | 'not-fired';
  attempts?: number;
  /** what the target answered (the trigger's secret-free summary) */
  answer?: unknown;
  error?: string;
  /** the Sensor workflow run that ran the trigger activity */
  runId?: string;
}

export interface EventReceiver {
  sensor: ResourceKey & { workflowId: string };
  /** the Sensor's `event` decision for it */
  decision: Extract<Decision, { kind: 'event' }>;
  /** every decision of this Sensor that names the event (held, expired, fired, …) */
  related: Decision[];
  fires: FireReport[];
  /** the Sensor's dependencies, for the per-filter breakdown */
  spec: SensorSpec;
}

export interface EventReport {
  eventId: string;
  /** the CloudEvent as the Sensor received it, when its history still has it */
  payload?: CloudEvent;
  receivers: EventReceiver[];
}

/** Where the dashboard reads from. */
export interface DashboardSource {
  namespaceOfTemporal: string;
  sensors(): Promise<SensorStatus[]>;
  eventSources(): Promise<EventSourceStatus[]>;
  sensor(key: ResourceKey): Promise<SensorDetail | undefined>;
  eventSource(key: ResourceKey): Promise<EventSourceDetail | undefined>;
  event(eventId: string): Promise<EventReport | undefined>;
}
