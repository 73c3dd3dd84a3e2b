// The `kafka` EventSource's listen loop, run by the generic source-listener activity. A consumer
// group (Argo's consumerGroup, or one Eventide names for a single `partition`) reads batches; each
// batch is delivered to the Sensors and only then its offsets are committed, so a worker that dies
// mid-batch leaves the batch uncommitted and its successor redelivers it (the Sensors dedupe by
// the topic/partition/offset id). The fetch loop waits while a delivery is pending: a slow
// Temporal slows consumption instead of buffering. Connection loss reconnects with
// connectionBackoff, logging why the listener is not consuming.
// kafkajs is loaded when the listener first connects, so `eventide validate` does not load it.
import type { Consumer, EachBatchPayload, Kafka, LogEntry } from 'kafkajs';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { ListenerConfigError } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import type { BackoffPlan } from '../listener-common/connection-backoff.js';
import type { KafkaPlan } from './kafka-config.js';
import { kafkajsConfig } from './kafka-connection.js';
import { kafkaEventDraft, NotJsonError } from './kafka-event.js';

interface KafkaListenerCheckpoint {
  /** events delivered by this listener, all attempts */
  delivered: number;
  /** the next offset to read, by partition, as committed */
  committed: Record<string, string>;
}

type Ctx = ListenerContext<KafkaPlan, KafkaListenerCheckpoint>;

/** Messages per delivery: keeps each deliver call well inside Temporal's signal limits. */
const CHUNK = 500;
const HEARTBEAT_EVERY_MS = 2000;

/**
 * The delay before reconnect attempt `n` (0-based), growing by factor (0 is no growth, as in
 * Argo), capped at 5 minutes, plus up to jitter times that.
 */
function backoffDelay(b: BackoffPlan, n: number): number {
  const base = Math.min(b.durationMs * (b.factor || 1) ** n, 300_000);
  return base * (1 + b.jitter * Math.random());
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The consumer group: Argo's groupName, or for a single partition one private to this event. */
function groupIdOf(ctx: Pick<Ctx, 'source' | 'eventName' | 'config'>): string {
  return (
    ctx.config.consumerGroup?.groupName ??
    `eventide-${ctx.source.namespace}-${ctx.source.name}-${ctx.eventName}`
  );
}

async function kafkaClient(ctx: Ctx): Promise<Kafka> {
  let config;
  try {
    config = kafkajsConfig(
      ctx.config.connection,
      ctx.secrets,
      `eventide-${ctx.source.name}-${ctx.eventName}`,
    );
  } catch (e) {
    throw new ListenerConfigError(`kafka source: ${message(e)}`);
  }
  const b = ctx.config.backoff;
  const { Kafka, logLevel } = await import('kafkajs');
  return new Kafka({
    ...config,
    logLevel: logLevel.ERROR,
    // kafkajs's own errors go to the activity log, not stdout.
    logCreator: () => (entry: LogEntry) =>
      ctx.log.warn(`kafka: ${entry.log.message}`, { broker: entry.log.broker }),
    retry: {
      initialRetryTime: Math.max(100, Math.min(b.durationMs, 5000)),
      multiplier: b.factor || 1,
      retries: Math.max(b.steps, 3),
    },
  });
}

class Throttle {
  private started = Date.now();
  private count = 0;
  constructor(private readonly perSecond: number) {}
  /** waits so that, on average, no more than perSecond events pass */
  async pass(ctx: Ctx, n: number): Promise<void> {
    if (this.perSecond <= 0) return;
    this.count += n;
    const due = this.started + (this.count / this.perSecond) * 1000;
    const wait = due - Date.now();
    if (wait > 0) await ctx.sleep(wait);
    else if (wait < -1000) {
      this.started = Date.now();
      this.count = 0;
    }
  }
}

function drafts(ctx: Ctx, batch: EachBatchPayload['batch'], from: number, to: number): EventDraft[] {
  const out: EventDraft[] = [];
  for (const m of batch.messages.slice(from, to)) {
    try {
      out.push(
        kafkaEventDraft(
          { ...m, topic: batch.topic, partition: batch.partition },
          ctx.config.jsonBody,
          ctx.config.metadata,
        ),
      );
    } catch (e) {
      if (!(e instanceof NotJsonError)) throw e;
      ctx.log.warn(`kafka source: ${e.message}; skipped (Argo rejects it too)`, { event: ctx.eventName });
    }
  }
  return out;
}

/** One consumer session: resolves when cancelled, rejects when the consumer fails. */
async function consume(ctx: Ctx, checkpoint: KafkaListenerCheckpoint, onProgress: () => void): Promise<void> {
  const { topic, partition, consumerGroup } = ctx.config;
  const kafka = await kafkaClient(ctx);
  const { PartitionAssigners } = await import('kafkajs');
  const consumer: Consumer = kafka.consumer({
    groupId: groupIdOf(ctx),
    // kafkajs ships only a round-robin assigner; sticky and range fall back to it (README).
    partitionAssigners: [PartitionAssigners.roundRobin],
    retry: { retries: 5, restartOnFailure: async () => false },
    maxBytesPerPartition: 1024 * 1024,
    // A worker killed mid-stream holds its partitions until its session expires: keep that short.
    sessionTimeout: 10_000,
    rebalanceTimeout: 20_000,
    heartbeatInterval: 3000,
  });
  const throttle = new Throttle(ctx.config.limitEventsPerSecond);
  let failed: (e: Error) => void = () => {};
  const crashed = new Promise<never>((_, reject) => (failed = reject));
  crashed.catch(() => {});
  consumer.on(consumer.events.CRASH, (e) => failed(e.payload.error));
  const stop = () => void consumer.disconnect().catch(() => {});
  ctx.signal.addEventListener('abort', stop, { once: true });
  try {
    await consumer.connect();
    // Argo's partition consumer starts at the newest offset; a group starts where it committed,
    // or (first run) at the oldest message only with `oldest: true`.
    await consumer.subscribe({ topics: [topic], fromBeginning: consumerGroup?.oldest ?? false });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        if (partition !== undefined && batch.partition !== partition) {
          // Not the configured partition: pass it over without delivering (Argo reads only one).
          const last = batch.lastOffset();
          resolveOffset(last);
          await consumer.commitOffsets([
            { topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
          ]);
          return;
        }
        for (let i = 0; i < batch.messages.length; i += CHUNK) {
          if (!isRunning() || isStale() || ctx.signal.aborted) return;
          const chunk = batch.messages.slice(i, i + CHUNK);
          const ds = drafts(ctx, batch, i, i + CHUNK);
          await throttle.pass(ctx, ds.length);
          if (ds.length > 0) await ctx.deliver(ds);
          // Durably accepted by every Sensor: now, and only now, the offsets move.
          const last = chunk[chunk.length - 1]!.offset;
          const next = (BigInt(last) + 1n).toString();
          resolveOffset(last);
          await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
          checkpoint.delivered += ds.length;
          checkpoint.committed[String(batch.partition)] = next;
          onProgress();
          await heartbeat();
        }
      },
    });
    await Promise.race([
      crashed,
      new Promise<void>((resolve) => {
        if (ctx.signal.aborted) resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    ]);
  } finally {
    ctx.signal.removeEventListener('abort', stop);
    await consumer.disconnect().catch(() => {});
  }
}

export async function listenKafka(ctx: Ctx): Promise<void> {
  const checkpoint: KafkaListenerCheckpoint = {
    delivered: ctx.checkpoint?.delivered ?? 0,
    committed: { ...(ctx.checkpoint?.committed ?? {}) },
  };
  let failures = 0;
  let progressed = false;
  const beat = setInterval(() => ctx.heartbeat(checkpoint), HEARTBEAT_EVERY_MS);
  ctx.heartbeat(checkpoint);
  try {
    while (!ctx.signal.aborted) {
      try {
        await consume(ctx, checkpoint, () => {
          progressed = true;
          ctx.heartbeat(checkpoint);
        });
      } catch (e) {
        if (e instanceof ListenerConfigError) throw e;
        if (ctx.signal.aborted) return;
        if (progressed) failures = 0;
        progressed = false;
        const delay = backoffDelay(ctx.config.backoff, failures++);
        ctx.log.warn(
          `kafka source: not consuming ${ctx.config.topic} from ${ctx.config.connection.brokers.join(',')}: ${message(e)}; reconnecting in ${Math.round(delay)} ms`,
          { event: ctx.eventName },
        );
        await ctx.sleep(delay);
      }
    }
  } finally {
    clearInterval(beat);
  }
}
