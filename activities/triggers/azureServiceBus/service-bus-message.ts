// The message one azureServiceBus fire sends, built without the network: the payload's JSON bytes
// (as Argo's Message{Body: payload}), the fire's idempotency key as the messageId (so an entity
// with duplicate detection drops a retried fire's second copy) and as the `Idempotency-Key`
// application property. Pure; the SDK's ServiceBusMessage takes this shape.
import { IDEMPOTENCY_PROPERTY, messageIdOf, payloadBytes } from '../azureEventHubs/event-hubs-message.js';

export interface OutgoingBusMessage {
  body: Buffer;
  messageId: string;
  applicationProperties: Record<string, string>;
}

export function serviceBusMessage(payload: unknown, idempotencyKey: string): OutgoingBusMessage {
  return {
    body: payloadBytes(payload),
    messageId: messageIdOf(idempotencyKey),
    applicationProperties: { [IDEMPOTENCY_PROPERTY]: idempotencyKey },
  };
}
