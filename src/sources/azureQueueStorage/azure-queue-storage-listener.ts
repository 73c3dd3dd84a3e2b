// The `azureQueueStorage` EventSource's listen loop: receive a batch, hand it to the Sensors, and
// delete the messages only once ctx.deliver resolved (every subscribed Sensor accepted them).
// While a batch is in flight its visibility timeout is extended (each extension returns a new pop
// receipt, which the delete then uses). If the worker dies, the undeleted messages reappear after
// the timeout and the restarted listener delivers them again under the same ids
// (azureQueueStorage:<queue>/<messageId>), which the Sensors deduplicate.
import type { QueueClient } from '@azure/storage-queue';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { ListenerConfigError } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { EventDraft } from '../source-type.js';
import type { AzureQueueStoragePlan } from './azure-queue-storage-config.js';
import { azureQueueStorageEvent, type QueueMessageIn } from './azure-queue-storage-events.js';

interface QueueCheckpoint {
  /** messages deleted after delivery, all attempts */
  deleted: number;
}

/** Short, because it is extended while a batch is in flight: a crash redelivers quickly. */
const VISIBILITY_SECONDS = 30;
const EXTEND_EVERY_MS = 10_000;
/** Azure's most per receive call. */
const MAX_PER_RECEIVE = 32;
/** Bounded prefetch: at most this many messages are received and not yet deleted. */
const MAX_BATCH = 128;
const PARALLEL_CALLS = 16;
const HEARTBEAT_EVERY_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** Argo loops without pausing when waitTimeInSeconds is 0; a floor keeps that from spinning. */
const MIN_EMPTY_PAUSE_MS = 200;

type Ctx = ListenerContext<AzureQueueStoragePlan, QueueCheckpoint>;

/** A received message and its current pop receipt (the delete and each extension need it). */
interface InFlight extends QueueMessageIn {
  popReceipt: string;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function queueClient(ctx: Ctx): Promise<QueueClient> {
  const conn = resolveSecret(ctx.secrets, ctx.config.connectionString, 'connectionString');
  const { QueueClient } = await import('@azure/storage-queue');
  try {
    return new QueueClient(conn, ctx.config.queueName);
  } catch {
    // The SDK's message may quote the value; say only which secret is wrong.
    const ref = ctx.config.connectionString;
    throw new ListenerConfigError(
      `connectionString: secret ${ref.name}/${ref.key} does not hold an Azure Storage connection string (DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…)`,
    );
  }
}

/** Runs fn over items, at most PARALLEL_CALLS at a time. */
async function eachParallel<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_CALLS, items.length) }, worker));
}

async function receive(ctx: Ctx, q: QueueClient, max: number): Promise<InFlight[]> {
  const out = await q.receiveMessages({
    numberOfMessages: Math.min(MAX_PER_RECEIVE, max),
    visibilityTimeout: VISIBILITY_SECONDS,
    abortSignal: ctx.signal,
  });
  return out.receivedMessageItems.map((m) => ({
    messageId: m.messageId,
    messageText: m.messageText,
    insertedOn: m.insertedOn,
    popReceipt: m.popReceipt,
  }));
}

/** One receive, topped up while full ones keep coming, up to MAX_BATCH. */
async function receiveBatch(ctx: Ctx, q: QueueClient): Promise<InFlight[]> {
  const batch = await receive(ctx, q, MAX_BATCH);
  while (batch.length > 0 && batch.length < MAX_BATCH && batch.length % MAX_PER_RECEIVE === 0) {
    const more = await receive(ctx, q, MAX_BATCH - batch.length);
    if (more.length === 0) break;
    batch.push(...more);
  }
  return batch;
}

/**
 * Keeps the batch invisible until stopped; stop() waits for a round under way, so the delete
 * that follows uses the newest pop receipts. A failed extension only logs (a redelivery dedupes).
 */
function extendVisibility(ctx: Ctx, q: QueueClient, batch: InFlight[]): () => Promise<void> {
  let round: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    round = round.then(() =>
      eachParallel(batch, async (m) => {
        try {
          const r = await q.updateMessage(m.messageId, m.popReceipt, undefined, VISIBILITY_SECONDS);
          if (r.popReceipt) m.popReceipt = r.popReceipt;
        } catch (e) {
          ctx.log.warn('azureQueueStorage: visibility not extended', { messageId: m.messageId, error: message(e) });
        }
      }),
    );
  }, EXTEND_EVERY_MS);
  return async () => {
    clearInterval(timer);
    await round;
  };
}

async function deleteAll(ctx: Ctx, q: QueueClient, done: InFlight[]): Promise<number> {
  let deleted = 0;
  await eachParallel(done, async (m) => {
    try {
      await q.deleteMessage(m.messageId, m.popReceipt);
      deleted++;
    } catch (e) {
      ctx.log.warn('azureQueueStorage: delete failed; the message will reappear and be deduplicated', {
        messageId: m.messageId,
        error: message(e),
      });
    }
  });
  return deleted;
}

export async function listenAzureQueueStorage(ctx: Ctx): Promise<void> {
  const q = await queueClient(ctx);
  const { queueName, waitTimeInSeconds, dlq } = ctx.config;
  const progress: QueueCheckpoint = { deleted: ctx.checkpoint?.deleted ?? 0 };
  ctx.heartbeat(progress);
  const beat = setInterval(() => ctx.heartbeat(progress), HEARTBEAT_EVERY_MS);
  try {
    ctx.log.info('azureQueueStorage: consuming', { queue: queueName });
    for (let delay = 1000; !ctx.signal.aborted; ) {
      let batch: InFlight[];
      try {
        batch = await receiveBatch(ctx, q);
        delay = 1000;
      } catch (e) {
        if (ctx.signal.aborted) return;
        ctx.log.warn('azureQueueStorage: receive failed; not consuming, retrying', { queue: queueName, error: message(e) });
        await ctx.sleep(delay);
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (batch.length === 0) {
        await ctx.sleep(Math.max(waitTimeInSeconds * 1000, MIN_EMPTY_PAUSE_MS));
        continue;
      }
      const drafts: EventDraft[] = [];
      const done: InFlight[] = [];
      for (const m of batch) {
        const mapped = azureQueueStorageEvent(ctx.config, m);
        if (mapped.ok) {
          drafts.push(mapped.draft);
          done.push(m);
        } else {
          // As Argo: with dlq the message stays (for a dead-letter process to find), else it is dropped.
          ctx.log.warn(`azureQueueStorage: message ${m.messageId} is not an event: ${mapped.reason}`, { dlq });
          if (!dlq) done.push(m);
        }
      }
      const stopExtending = extendVisibility(ctx, q, done);
      try {
        await ctx.deliver(drafts);
      } finally {
        await stopExtending();
      }
      progress.deleted += await deleteAll(ctx, q, done);
      ctx.heartbeat(progress);
    }
  } finally {
    clearInterval(beat);
  }
}
