// A Service Bus message as Argo's AzureServiceBusEventData, and what to do with the peek-locked
// message afterwards (complete, abandon, dead-letter). Pure.
import type { EventDraft } from '../source-type.js';
import { goTime } from '../azureQueueStorage/azure-queue-storage-events.js';
import { entityLabel, type AzureServiceBusPlan } from './azure-service-bus-config.js';

type IdValue = string | number | Buffer;

/** What the listener reads of a received message (the SDK's ServiceBusReceivedMessage has more). */
export interface BusMessageIn {
  body: unknown;
  messageId?: IdValue;
  applicationProperties?: Record<string, unknown>;
  contentType?: string;
  correlationId?: IdValue;
  enqueuedTimeUtc?: Date;
  replyTo?: string;
  /** a Long in the SDK */
  sequenceNumber?: { toString(): string } | number;
  subject?: string;
}

interface AzureServiceBusEventData {
  applicationProperties: Record<string, unknown> | null;
  body: unknown;
  contentType: string | null;
  correlationID: string | null;
  enqueuedTime: string | null;
  messageID: string;
  replyTo: string | null;
  sequenceNumber: number | string | null;
  subject: string | null;
  metadata?: Record<string, string>;
}

export type BusMapping = { ok: true; draft: EventDraft } | { ok: false; reason: string };

function idText(v: IdValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Buffer.isBuffer(v) ? v.toString('hex') : String(v);
}

function bodyBytes(body: unknown): Buffer {
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === undefined || body === null) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** A JSON number as Go writes int64, unless JavaScript would round it (then its decimal text). */
function sequenceValue(s: BusMessageIn['sequenceNumber']): number | string | null {
  if (s === undefined) return null;
  const text = s.toString();
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function dateValue(d: Date | undefined): string | null {
  return d && !Number.isNaN(d.getTime()) ? goTime(d) : null;
}

/**
 * Argo's payload: with jsonBody the body is the parsed JSON (a body that is not JSON is not an
 * event), else the bytes as base64. Absent fields are null, as Go writes nil pointers.
 */
export function azureServiceBusEvent(plan: AzureServiceBusPlan, m: BusMessageIn): BusMapping {
  const bytes = bodyBytes(m.body);
  let body: unknown;
  if (plan.jsonBody) {
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch (e) {
      return { ok: false, reason: `body is not JSON (jsonBody is true): ${(e as Error).message}` };
    }
  } else {
    body = bytes.toString('base64');
  }
  const props = m.applicationProperties;
  const data: AzureServiceBusEventData = {
    applicationProperties: props && Object.keys(props).length > 0 ? props : null,
    body,
    contentType: m.contentType ?? null,
    correlationID: idText(m.correlationId) ?? null,
    enqueuedTime: dateValue(m.enqueuedTimeUtc),
    messageID: idText(m.messageId) ?? '',
    replyTo: m.replyTo ?? null,
    sequenceNumber: sequenceValue(m.sequenceNumber),
    subject: m.subject ?? null,
    ...(plan.metadata ? { metadata: plan.metadata } : {}),
  };
  // The sequence number is unique in the entity and survives redelivery; the message id is the
  // sender's (it may repeat), so it is only the fallback.
  const identity = m.sequenceNumber !== undefined ? `seq-${m.sequenceNumber.toString()}` : `id-${data.messageID}`;
  return {
    ok: true,
    draft: {
      data,
      id: `azureServiceBus:${entityLabel(plan.entity)}/${identity}`,
      ...(m.enqueuedTimeUtc ? { time: m.enqueuedTimeUtc.getTime() } : {}),
    },
  };
}

export type Settlement =
  | { kind: 'complete' }
  | { kind: 'abandon' }
  | { kind: 'deadLetter'; reason: string; description: string };

/**
 * What happens to a peek-locked message: complete once every subscribed Sensor accepted it;
 * abandon when delivery did not finish (the listener is stopping), so another receiver gets it
 * at once instead of after the lock expires; dead-letter a message that is not an event, which a
 * redelivery cannot fix (Argo leaves it locked until Service Bus dead-letters it after
 * maxDeliveryCount attempts).
 */
export function settlementOf(mapping: BusMapping, delivered: boolean): Settlement {
  if (!mapping.ok) return { kind: 'deadLetter', reason: 'NotAnEvent', description: mapping.reason.slice(0, 1000) };
  return delivered ? { kind: 'complete' } : { kind: 'abandon' };
}
