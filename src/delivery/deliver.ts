// Delivering one event to every subscribed Sensor: durable once each signal is accepted.
// Used by the ingress (push sources) and by the deliverEvents activity (workflow sources).
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CloudEvent } from '../engine/cloudevent.js';
import type { EventDraft } from '../sources/source-type.js';
import { eventSignal } from '../../workflows/sensor-api.js';

export interface EventOrigin {
  source: { namespace: string; name: string };
  sourceType: string;
  eventName: string;
}

export function toCloudEvent(origin: EventOrigin, draft: EventDraft, receivedAt: number): CloudEvent {
  const time = new Date(draft.time ?? receivedAt).toISOString();
  return {
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

export async function deliver(
  client: Client,
  workflowIds: string[],
  event: CloudEvent,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: [], gone: [], failed: [] };
  await Promise.all(
    workflowIds.map(async (id) => {
      try {
        await client.workflow.getHandle(id).signal(eventSignal, event);
        report.delivered.push(id);
      } catch (e) {
        if (e instanceof WorkflowNotFoundError) report.gone.push(id);
        else report.failed.push({ workflowId: id, error: (e as Error).message });
      }
    }),
  );
  return report;
}
