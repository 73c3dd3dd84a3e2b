// The EventSource workflow's public surface: id scheme, signals, queries and input.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { EventSourceSpec } from './manifest-types.js';

export const eventSourceWorkflowId = (namespace: string, name: string): string =>
  `eventsource:${namespace}/${name}`;

export interface EventSourceRef {
  namespace: string;
  name: string;
}

export const eventSourceSpecSignal = defineSignal<[EventSourceSpec]>('spec');
export const eventSourceDeleteSignal = defineSignal<[]>('delete');
export const eventSourceSpecQuery = defineQuery<EventSourceSpec>('spec');
/** What the workflow carries across continue-as-new, plus the runners it is driving now. */
export const eventSourceStateQuery = defineQuery<EventSourceStatus>('state');

/** One calendar event's progress: every tick at or before `watermark` (epoch ms) was handled. */
export interface CalendarEventState {
  watermark: number;
  /** the schedule the watermark belongs to; a new schedule starts over from the time of the change */
  scheduleKey: string;
  /** ticks delivered so far (all runs; filtered-out ticks not counted), for status and tests */
  emitted: number;
  lastEmitted?: number;
}

/** Plain JSON, carried across continue-as-new. */
export interface EventSourceState {
  /** by event name */
  calendar: Record<string, CalendarEventState>;
}

export interface EventSourceStatus {
  state: EventSourceState;
  /** running timers and listeners, as "<type>/<event name>" */
  runners: string[];
}

export interface EventSourceWorkflowOptions {
  /** continue-as-new once history has this many events (Temporal may suggest it earlier) */
  historyEventLimit?: number;
  /** how long a source listener (file, …) may go without a heartbeat before Temporal restarts it, ms */
  listenerHeartbeatTimeoutMs?: number;
}

export interface EventSourceWorkflowInput {
  source: EventSourceRef;
  spec: EventSourceSpec;
  state?: EventSourceState;
  options?: EventSourceWorkflowOptions;
}
