// An Event Hubs event as Argo's AzureEventsHubEventData ({id, partitionKey, body, metadata}), and
// the checkpoint that replaces Argo's "start at the latest event": the last accepted sequence
// number per partition, which the listener heartbeats and resumes after. Pure.
import type { EventDraft } from '../source-type.js';
import type { AzureEventsHubPlan } from './azure-events-hub-config.js';

/** What the listener reads of a received event (the SDK's ReceivedEventData has more). */
export interface HubEventIn {
  body: unknown;
  messageId?: string | number | Buffer;
  partitionKey: string | null;
  sequenceNumber: number;
  enqueuedTimeUtc: Date;
}

/** Per partition, the sequence number of the last event every subscribed Sensor accepted. */
export interface HubCheckpoint {
  partitions: Record<string, number>;
}

/**
 * Where a partition's reading starts: after its checkpoint; from the start when the checkpoint
 * says it was empty (-1); else (first start, as Argo) at the newest event.
 */
export type HubStart = { afterSequenceNumber: number } | 'earliest' | 'latest';

interface AzureEventsHubEventData {
  id: string;
  partitionKey: string;
  body: string;
  metadata?: Record<string, string>;
}

/** The body's bytes: the SDK gives a Buffer when asked not to parse JSON (listener's setting). */
function bodyBytes(body: unknown): Buffer {
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === undefined || body === null) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function idText(id: HubEventIn['messageId']): string {
  if (id === undefined) return '';
  return Buffer.isBuffer(id) ? id.toString('hex') : String(id);
}

/** Argo's payload: the body is bytes, which Go's JSON writes as base64 (no jsonBody for this type). */
export function azureEventsHubEvent(plan: AzureEventsHubPlan, partitionId: string, ev: HubEventIn): EventDraft {
  const data: AzureEventsHubEventData = {
    id: idText(ev.messageId),
    partitionKey: ev.partitionKey ?? '',
    body: bodyBytes(ev.body).toString('base64'),
    ...(plan.metadata ? { metadata: plan.metadata } : {}),
  };
  return {
    data,
    // the sequence number is the event's identity in its partition; the message id is optional
    id: `azureEventsHub:${plan.fqdn}/${plan.hubName}/${partitionId}/${ev.sequenceNumber}`,
    time: ev.enqueuedTimeUtc.getTime(),
  };
}

export function startOf(checkpoint: HubCheckpoint | undefined, partitionId: string): HubStart {
  const seq = checkpoint?.partitions[partitionId];
  if (seq === undefined) return 'latest';
  return seq < 0 ? 'earliest' : { afterSequenceNumber: seq };
}

/** The checkpoint once a partition's batch was accepted: its newest sequence number. */
export function acceptedThrough(checkpoint: HubCheckpoint, partitionId: string, batch: HubEventIn[]): HubCheckpoint {
  if (batch.length === 0) return checkpoint;
  const newest = Math.max(...batch.map((e) => e.sequenceNumber));
  const known = checkpoint.partitions[partitionId];
  if (known !== undefined && known >= newest) return checkpoint;
  return { partitions: { ...checkpoint.partitions, [partitionId]: newest } };
}
