// An Azure Queue Storage message as Argo's AzureQueueStorageEventData ({body, messageID,
// insertionTime, metadata}), with an id from the queue and the MessageId so a message that
// reappears after a crash is deduplicated by the Sensors. Pure.
import type { EventDraft } from '../source-type.js';
import type { AzureQueueStoragePlan } from './azure-queue-storage-config.js';

/** What the listener reads of a dequeued message (the SDK's DequeuedMessageItem has more). */
export interface QueueMessageIn {
  messageId: string;
  messageText: string;
  insertedOn: Date;
}

interface AzureQueueStorageEventData {
  body: unknown;
  messageID: string;
  insertionTime: string;
  metadata?: Record<string, string>;
}

export type QueueMapping = { ok: true; draft: EventDraft } | { ok: false; reason: string };

/**
 * Go's base64: URL alphabet first, then the standard one, both padded and strict (Node's own
 * decoder skips bad characters silently, which would turn garbage into an event).
 */
function strictBase64(text: string): Buffer | undefined {
  if (text.length % 4 !== 0) return undefined;
  if (/^[A-Za-z0-9_-]*={0,2}$/.test(text) || /^[A-Za-z0-9+/]*={0,2}$/.test(text))
    return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return undefined;
}

/** Go's RFC3339Nano: fractional seconds only when non-zero, trailing zeros trimmed. */
export function goTime(d: Date): string {
  return d.toISOString().replace(/\.(\d*?)0*Z$/, (_, frac: string) => (frac ? `.${frac}Z` : 'Z'));
}

/**
 * Argo's payload for a message. decodeMessage base64-decodes the text first; with jsonBody the
 * body is the parsed JSON, else the bytes, which Go's JSON writes as base64. A message that
 * cannot be decoded or parsed is not an event; the listener drops it (or, with dlq, leaves it).
 */
export function azureQueueStorageEvent(plan: AzureQueueStoragePlan, m: QueueMessageIn): QueueMapping {
  let bytes: Buffer = Buffer.from(m.messageText, 'utf8');
  if (plan.decodeMessage) {
    const decoded = strictBase64(m.messageText);
    if (!decoded) return { ok: false, reason: 'message text is not base64 (decodeMessage is true)' };
    bytes = decoded;
  }
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
  const data: AzureQueueStorageEventData = {
    body,
    messageID: m.messageId,
    insertionTime: goTime(m.insertedOn),
    ...(plan.metadata ? { metadata: plan.metadata } : {}),
  };
  return {
    ok: true,
    draft: { data, id: `azureQueueStorage:${plan.queueName}/${m.messageId}`, time: m.insertedOn.getTime() },
  };
}
