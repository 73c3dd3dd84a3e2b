// The `azureServiceBus` trigger: one message per fire, sent on a sender shared by every fire to
// the same connection-string reference and entity, closed on worker shutdown. @azure/service-bus
// is loaded on first use. Untested against a live service (no Service Bus emulator runs here).
import type { ServiceBusClient, ServiceBusSender } from '@azure/service-bus';
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import type { TriggerRequest } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError, triggerPermissionError } from '../../trigger-errors.js';
import { serviceBusMessage } from './service-bus-message.js';

const LABEL = 'azureServiceBus trigger';

interface ServiceBusSpec {
  connectionString?: SecretKeySelector;
  queueName?: string;
  topicName?: string;
}

export interface BusSender {
  client: ServiceBusClient;
  sender: ServiceBusSender;
}

const specOf = (req: TriggerRequest) => (req.fire.template.azureServiceBus ?? {}) as ServiceBusSpec;
const entityOf = (s: ServiceBusSpec) => s.queueName || s.topicName;

/** ServiceBusError codes where a retry cannot help. */
const CONFIG_CODES = new Set(['MessagingEntityNotFound', 'MessageSizeExceeded', 'MessagingEntityDisabled']);
const PERMISSION_CODES = new Set(['UnauthorizedAccess']);

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Fires with the same connection-string reference and entity share a sender (no secret values). */
export function serviceBusSenderKey(req: TriggerRequest): string {
  const s = specOf(req);
  return JSON.stringify([s.connectionString ?? null, entityOf(s)]);
}

export async function openServiceBusSender(req: TriggerRequest): Promise<BusSender> {
  const s = specOf(req);
  const entity = entityOf(s);
  if (!s.connectionString || !entity)
    throw triggerConfigError(`${LABEL}: connectionString and queueName or topicName are required`, req.attempt);
  let conn: string;
  try {
    conn = req.services.secrets.get(s.connectionString);
  } catch (e) {
    throw triggerConfigError(`${LABEL}: ${message(e)}`, req.attempt);
  }
  const { ServiceBusClient } = await import('@azure/service-bus');
  let client: ServiceBusClient;
  try {
    client = new ServiceBusClient(conn);
  } catch {
    const ref = s.connectionString;
    throw triggerConfigError(`${LABEL}: secret ${ref.name}/${ref.key} does not hold a Service Bus connection string`, req.attempt);
  }
  return { client, sender: client.createSender(entity) };
}

export async function closeServiceBusSender(c: BusSender): Promise<void> {
  await c.sender.close().catch(() => undefined);
  await c.client.close();
}

export async function azureServiceBusTrigger(req: TriggerRequest, conn: BusSender | undefined): Promise<unknown> {
  const entity = entityOf(specOf(req));
  if (!conn) throw retryableTriggerError(`${LABEL}: no sender`, req.attempt);
  const msg = serviceBusMessage(req.fire.payload, req.fire.idempotencyKey);
  try {
    await conn.sender.sendMessages(msg);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const text = `${LABEL}: sending to ${entity} failed: ${message(e)}`;
    if (PERMISSION_CODES.has(code)) throw triggerPermissionError(text, req.attempt, e);
    if (CONFIG_CODES.has(code)) throw triggerConfigError(text, req.attempt, e);
    throw retryableTriggerError(text, req.attempt, e);
  }
  return { entity, messageId: msg.messageId, bytes: msg.body.length };
}
