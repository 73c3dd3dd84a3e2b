// The EventSource workflow's public surface: id scheme, signals, queries and input.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { EventSourceSpec } from '../src/manifest/types.js';

export const eventSourceWorkflowId = (namespace: string, name: string): string =>
  `eventsource:${namespace}/${name}`;

export interface EventSourceRef {
  namespace: string;
  name: string;
}

export const eventSourceSpecSignal = defineSignal<[EventSourceSpec]>('spec');
export const eventSourceDeleteSignal = defineSignal<[]>('delete');
export const eventSourceSpecQuery = defineQuery<EventSourceSpec>('spec');

export interface EventSourceWorkflowInput {
  source: EventSourceRef;
  spec: EventSourceSpec;
}
