// The `sqs` EventSource's listen loop: long-poll a batch, hand it to the Sensors, and delete the
// messages only once ctx.deliver resolved (every subscribed Sensor accepted them). While a batch
// is in flight its visibility timeout is extended, so SQS does not hand it to anyone else; if
// the worker dies, the undeleted messages reappear after the timeout and the restarted listener
// delivers them again under the same ids (sqs:<MessageId>), which the Sensors deduplicate.
// The AWS SDK is loaded when the listener first connects, so `eventide validate` does not load it.
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { sqsClient } from './sqs-client.js';
import type { SqsPlan } from './sqs-config.js';
import { sqsEvent } from './sqs-events.js';

interface SqsCheckpoint {
  /** messages deleted after delivery, all attempts */
  deleted: number;
}

/** Short, because it is extended while a batch is in flight: a crash redelivers quickly. */
const VISIBILITY_SECONDS = 30;
const EXTEND_EVERY_MS = 10_000;
/** Bounded prefetch: at most this many messages are received and not yet deleted. */
const MAX_BATCH = 100;
const HEARTBEAT_EVERY_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

type Ctx = ListenerContext<SqsPlan, SqsCheckpoint>;

async function queueUrl(ctx: Ctx, client: SQSClient): Promise<string> {
  const { queue, queueAccountId } = ctx.config;
  const { GetQueueUrlCommand } = await import('@aws-sdk/client-sqs');
  for (let delay = 1000; ; delay = Math.min(delay * 2, MAX_BACKOFF_MS)) {
    try {
      const out = await client.send(
        new GetQueueUrlCommand({ QueueName: queue, ...(queueAccountId ? { QueueOwnerAWSAccountId: queueAccountId } : {}) }),
        { abortSignal: ctx.signal },
      );
      if (out.QueueUrl) return out.QueueUrl;
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      ctx.log.warn('sqs: cannot resolve the queue URL; not consuming, retrying', { queue, error: message(e) });
    }
    await ctx.sleep(delay);
  }
}

async function receive(ctx: Ctx, client: SQSClient, url: string, max: number, wait: number): Promise<Message[]> {
  const { ReceiveMessageCommand } = await import('@aws-sdk/client-sqs');
  const out = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: Math.min(10, max),
      WaitTimeSeconds: wait,
      VisibilityTimeout: VISIBILITY_SECONDS,
      MessageSystemAttributeNames: ['SentTimestamp'],
      MessageAttributeNames: ['All'],
    }),
    { abortSignal: ctx.signal },
  );
  return out.Messages ?? [];
}

/** One long poll, then topped up without waiting while messages keep coming, up to MAX_BATCH. */
async function receiveBatch(ctx: Ctx, client: SQSClient, url: string): Promise<Message[]> {
  const batch = await receive(ctx, client, url, MAX_BATCH, ctx.config.waitTimeSeconds);
  while (batch.length > 0 && batch.length < MAX_BATCH) {
    const more = await receive(ctx, client, url, MAX_BATCH - batch.length, 0);
    if (more.length === 0) break;
    batch.push(...more);
  }
  return batch;
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const entries = (ms: Message[]) => ms.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! }));

/** Keeps the batch invisible until stopped; a failed extension only logs (a redelivery dedupes). */
async function extendVisibility(ctx: Ctx, client: SQSClient, url: string, batch: Message[]): Promise<() => void> {
  const { ChangeMessageVisibilityBatchCommand } = await import('@aws-sdk/client-sqs');
  const timer = setInterval(() => {
    for (const part of chunks(batch, 10)) {
      client
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: url,
            Entries: entries(part).map((e) => ({ ...e, VisibilityTimeout: VISIBILITY_SECONDS })),
          }),
        )
        .catch((e: unknown) => ctx.log.warn('sqs: visibility not extended', { error: message(e) }));
    }
  }, EXTEND_EVERY_MS);
  return () => clearInterval(timer);
}

async function deleteAll(ctx: Ctx, client: SQSClient, url: string, done: Message[]): Promise<number> {
  let deleted = 0;
  const { DeleteMessageBatchCommand } = await import('@aws-sdk/client-sqs');
  for (const part of chunks(done, 10)) {
    try {
      const out = await client.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries(part) }));
      deleted += out.Successful?.length ?? 0;
      if (out.Failed?.length)
        ctx.log.warn('sqs: messages not deleted; they will be redelivered and deduplicated', {
          failed: out.Failed.length,
        });
    } catch (e) {
      ctx.log.warn('sqs: delete failed; the messages will be redelivered and deduplicated', { error: message(e) });
    }
  }
  return deleted;
}

export async function listenSqs(ctx: Ctx): Promise<void> {
  const client = await sqsClient(ctx.config, ctx.secrets);
  const progress: SqsCheckpoint = { deleted: ctx.checkpoint?.deleted ?? 0 };
  ctx.heartbeat(progress);
  const beat = setInterval(() => ctx.heartbeat(progress), HEARTBEAT_EVERY_MS);
  try {
    const url = await queueUrl(ctx, client);
    ctx.log.info('sqs: consuming', { queue: ctx.config.queue });
    for (let delay = 1000; !ctx.signal.aborted; ) {
      let batch: Message[];
      try {
        batch = await receiveBatch(ctx, client, url);
        delay = 1000;
      } catch (e) {
        if (ctx.signal.aborted) return;
        ctx.log.warn('sqs: receive failed; not consuming, retrying', { queue: ctx.config.queue, error: message(e) });
        await ctx.sleep(delay);
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        continue;
      }
      if (batch.length === 0) continue;
      const drafts: EventDraft[] = [];
      const done: Message[] = [];
      for (const m of batch) {
        const mapped = sqsEvent(ctx.config, m);
        if (mapped.ok) {
          drafts.push(mapped.draft);
          done.push(m);
        } else {
          // As Argo: with dlq the message stays for the queue's redrive policy, else it is dropped.
          ctx.log.warn(`sqs: message ${m.MessageId} is not an event: ${mapped.reason}`, { dlq: ctx.config.dlq });
          if (!ctx.config.dlq) done.push(m);
        }
      }
      const stopExtending = await extendVisibility(ctx, client, url, batch);
      try {
        await ctx.deliver(drafts);
      } finally {
        stopExtending();
      }
      progress.deleted += await deleteAll(ctx, client, url, done);
      ctx.heartbeat(progress);
    }
  } finally {
    clearInterval(beat);
    client.destroy();
  }
}
