// The `azureEventHubs` trigger: one event per fire, sent on a producer shared by every fire to
// the same namespace, hub and key references, closed on worker shutdown. @azure/event-hubs is
// loaded on first use. Untested against a live service (no Event Hubs emulator runs here).
import type { EventHubProducerClient } from '@azure/event-hubs';
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import { eventHubsConnectionString } from '../../../src/sources/azureEventsHub/azure-events-hub-connection.js';
import type { TriggerRequest } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError, triggerPermissionError } from '../../trigger-errors.js';
import { eventHubsMessage } from './event-hubs-message.js';

const LABEL = 'azureEventHubs trigger';

interface EventHubsSpec {
  fqdn?: string;
  hubName?: string;
  sharedAccessKeyName?: SecretKeySelector;
  sharedAccessKey?: SecretKeySelector;
}

const specOf = (req: TriggerRequest) => (req.fire.template.azureEventHubs ?? {}) as EventHubsSpec;

/** Errors where a retry cannot help, by the SDK's error code. */
const CONFIG_CODES = new Set(['MessagingEntityNotFoundError', 'ArgumentError', 'MessageTooLargeError']);
const PERMISSION_CODES = new Set(['UnauthorizedError']);

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Fires to the same namespace, hub and key references share a producer (no secret values). */
export function eventHubsProducerKey(req: TriggerRequest): string {
  const s = specOf(req);
  return JSON.stringify([s.fqdn, s.hubName, s.sharedAccessKeyName ?? null, s.sharedAccessKey ?? null]);
}

export async function openEventHubsProducer(req: TriggerRequest): Promise<EventHubProducerClient> {
  const s = specOf(req);
  if (!s.fqdn || !s.hubName || !s.sharedAccessKeyName || !s.sharedAccessKey)
    throw triggerConfigError(`${LABEL}: fqdn, hubName, sharedAccessKeyName and sharedAccessKey are required`, req.attempt);
  let conn: string;
  try {
    conn = eventHubsConnectionString(
      s.fqdn,
      s.hubName,
      req.services.secrets.get(s.sharedAccessKeyName),
      req.services.secrets.get(s.sharedAccessKey),
    );
  } catch (e) {
    throw triggerConfigError(`${LABEL}: ${message(e)}`, req.attempt);
  }
  const { EventHubProducerClient } = await import('@azure/event-hubs');
  try {
    return new EventHubProducerClient(conn);
  } catch {
    throw triggerConfigError(`${LABEL}: fqdn ${JSON.stringify(s.fqdn)} and the keys do not make a valid connection string`, req.attempt);
  }
}

export async function azureEventHubsTrigger(req: TriggerRequest, producer: EventHubProducerClient | undefined): Promise<unknown> {
  const s = specOf(req);
  if (!producer) throw retryableTriggerError(`${LABEL}: no producer`, req.attempt);
  const msg = eventHubsMessage(req.fire.payload, req.fire.idempotencyKey);
  try {
    await producer.sendBatch([msg]);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const text = `${LABEL}: sending to hub ${s.hubName} on ${s.fqdn} failed: ${message(e)}`;
    if (PERMISSION_CODES.has(code)) throw triggerPermissionError(text, req.attempt, e);
    if (CONFIG_CODES.has(code)) throw triggerConfigError(text, req.attempt, e);
    throw retryableTriggerError(text, req.attempt, e);
  }
  return { hub: s.hubName, messageId: msg.messageId, bytes: msg.body.length };
}
