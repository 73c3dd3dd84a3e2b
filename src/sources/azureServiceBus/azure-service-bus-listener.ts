// The `azureServiceBus` EventSource's listen loop, a thin adapter over @azure/service-bus (the
// mapping and the settlement rules are in azure-service-bus-events.ts). Messages are received
// peek-locked (locks renewed by the SDK while delivery waits), handed to the Sensors, and
// completed only once every subscribed Sensor accepted them; a crash lets the locks expire and
// Service Bus redelivers, under the same ids (entity + sequence number), which the Sensors dedupe.
// Untested against a live service: no Service Bus emulator runs here.
import type { ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { ListenerConfigError } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { EventDraft } from '../source-type.js';
import { entityLabel, type AzureServiceBusPlan } from './azure-service-bus-config.js';
import { azureServiceBusEvent, settlementOf, type BusMapping } from './azure-service-bus-events.js';

type Ctx = ListenerContext<AzureServiceBusPlan, undefined>;

const MAX_BATCH = 100;
const MAX_WAIT_MS = 5000;
/** Locks are renewed for this long while a batch waits for the Sensors. */
const LOCK_RENEWAL_MS = 30 * 60_000;
const MAX_BACKOFF_MS = 30_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function settle(
  ctx: Ctx,
  receiver: ServiceBusReceiver,
  batch: { m: ServiceBusReceivedMessage; mapped: BusMapping }[],
  delivered: boolean,
): Promise<void> {
  await Promise.all(
    batch.map(async ({ m, mapped }) => {
      const s = settlementOf(mapped, delivered);
      try {
        if (s.kind === 'complete') await receiver.completeMessage(m);
        else if (s.kind === 'abandon') await receiver.abandonMessage(m);
        else {
          ctx.log.warn(`azureServiceBus: message ${String(m.messageId)} is not an event; dead-lettered: ${s.description}`);
          await receiver.deadLetterMessage(m, { deadLetterReason: s.reason, deadLetterErrorDescription: s.description });
        }
      } catch (e) {
        ctx.log.warn(`azureServiceBus: ${s.kind} failed; the message will be redelivered and deduplicated`, {
          messageId: String(m.messageId),
          error: message(e),
        });
      }
    }),
  );
}

export async function listenAzureServiceBus(ctx: Ctx): Promise<void> {
  const ref = ctx.config.connectionString;
  const conn = resolveSecret(ctx.secrets, ref, 'connectionString');
  const { ServiceBusClient } = await import('@azure/service-bus');
  let client;
  try {
    client = new ServiceBusClient(conn);
  } catch {
    // The SDK's message may quote the value; say only which secret is wrong.
    throw new ListenerConfigError(
      `connectionString: secret ${ref.name}/${ref.key} does not hold a Service Bus connection string (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…)`,
    );
  }
  const options = {
    receiveMode: 'peekLock' as const,
    maxAutoLockRenewalDurationInMs: LOCK_RENEWAL_MS,
    skipParsingBodyAsJson: true,
  };
  const entity = ctx.config.entity;
  const receiver =
    'queueName' in entity
      ? client.createReceiver(entity.queueName, options)
      : client.createReceiver(entity.topicName, entity.subscriptionName, options);
  const where = entityLabel(entity);
  try {
    ctx.log.info('azureServiceBus: consuming', { entity: where });
    for (let delay = 1000; !ctx.signal.aborted; ) {
      let received: ServiceBusReceivedMessage[];
      try {
        received = await receiver.receiveMessages(MAX_BATCH, { maxWaitTimeInMs: MAX_WAIT_MS, abortSignal: ctx.signal });
        delay = 1000;
      } catch (e) {
        if (ctx.signal.aborted) return;
        ctx.log.warn('azureServiceBus: receive failed; not consuming, retrying', { entity: where, error: message(e) });
        await ctx.sleep(delay);
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (received.length === 0) continue;
      const batch = received.map((m) => ({ m, mapped: azureServiceBusEvent(ctx.config, m) }));
      const drafts: EventDraft[] = batch.flatMap(({ mapped }) => (mapped.ok ? [mapped.draft] : []));
      let delivered = false;
      try {
        await ctx.deliver(drafts);
        delivered = true;
      } finally {
        await settle(ctx, receiver, batch, delivered);
      }
    }
  } finally {
    await receiver.close().catch(() => undefined);
    await client.close().catch(() => undefined);
  }
}
