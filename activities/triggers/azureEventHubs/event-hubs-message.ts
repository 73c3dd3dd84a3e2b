// The event one azureEventHubs fire sends, built without the network: the payload's JSON bytes
// (as Argo's NewEvent(payload)), the fire's idempotency key as the message id and as the
// `Idempotency-Key` application property, so a consumer can drop a retried fire's second copy.
// Pure; the SDK's EventData takes this shape.
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_PROPERTY = 'Idempotency-Key';
/** Service Bus and Event Hubs refuse message ids longer than 128 characters. */
const MAX_MESSAGE_ID = 128;

export interface OutgoingMessage {
  body: Buffer;
  messageId: string;
  properties: Record<string, string>;
}

export function payloadBytes(payload: unknown): Buffer {
  if (payload === undefined) return Buffer.alloc(0);
  return Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8');
}

/** The key itself when it fits, else its SHA-256 (still stable across retries). */
export function messageIdOf(idempotencyKey: string): string {
  return idempotencyKey.length <= MAX_MESSAGE_ID
    ? idempotencyKey
    : createHash('sha256').update(idempotencyKey).digest('hex');
}

export function eventHubsMessage(payload: unknown, idempotencyKey: string): OutgoingMessage {
  return {
    body: payloadBytes(payload),
    messageId: messageIdOf(idempotencyKey),
    properties: { [IDEMPOTENCY_PROPERTY]: idempotencyKey },
  };
}
