// Delivering one event to every subscribed Sensor: durable once each signal is accepted.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CloudEvent } from '../engine/cloudevent.js';
import type { EventDraft, RouteSpec } from '../sources/source-type.js';
import { eventSignal } from '../../workflows/sensor-api.js';

export function toCloudEvent(route: RouteSpec, draft: EventDraft, receivedAt: number): CloudEvent {
  const time = new Date(receivedAt).toISOString();
  return {
    specversion: '1.0',
    id: draft.id ?? randomUUID(),
    source: route.source.name,
    subject: route.eventName,
    type: draft.type ?? route.sourceType,
    time,
    datacontenttype: 'application/json',
    data: draft.data,
    eventidereceived: time,
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
