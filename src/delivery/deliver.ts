// Delivering one event to every subscribed Sensor: durable once each signal holding it is accepted.
// Used by the ingress (push sources) and by the deliverEvents activity (workflow sources).
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CloudEvent } from '../engine/cloudevent.js';
import type { EventDraft } from '../sources/source-type.js';
import type { SignalBatcher } from './signal-batcher.js';

export interface EventOrigin {
  source: { namespace: string; name: string };
  sourceType: string;
  eventName: string;
}

export function toCloudEvent(origin: EventOrigin, draft: EventDraft, receivedAt: number): CloudEvent {
  const time = new Date(draft.time ?? receivedAt).toISOString();
  return {
    // Extensions first: a sender's attribute never overrides one Eventide sets.
    ...draft.extensions,
    specversion: '1.0',
    id: draft.id ?? randomUUID(),
    source: origin.source.name,
    subject: origin.eventName,
    type: draft.type ?? origin.sourceType,
    time,
    datacontenttype: 'application/json',
    data: draft.data,
    eventidereceived: new Date(receivedAt).toISOString(),
  };
}

export interface DeliveryReport {
  delivered: string[];
  /** subscribed workflows that no longer run (deleted Sensors) */
  gone: string[];
  failed: { workflowId: string; error: string }[];
}

/**
 * Hands one event to every subscribed Sensor through the batcher, which coalesces it with other
 * events bound for the same Sensor; settles once each signal holding it was accepted or refused.
 */
export async function deliver(
  batcher: SignalBatcher,
  workflowIds: string[],
  event: CloudEvent,
  bytes?: number,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], gone: [], failed: [] };
  await Promise.all(
    workflowIds.map(async (id) => {
      try {
        await batcher.submit(id, event, bytes);
        report.delivered.push(id);
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) report.gone.push(id);
        else report.failed.push({ workflowId: id, error: (e as Error).message });
      }
    }),
  );
  return report;
}
