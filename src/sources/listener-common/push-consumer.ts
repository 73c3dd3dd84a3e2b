// The listen loop of a broker that pushes messages at us (AMQP, MQTT, NSQ, Pulsar's WebSocket
// consumer): the client's callbacks put messages into an inbox, whose size the broker bounds
// (prefetch / in-flight window); the loop drains it in batches, awaits ctx.deliver (the Sensors
// durably accepted them), and only then acks. Nothing more is read while a deliver is pending
// beyond the broker's window, so a slow Temporal slows consumption instead of buffering.
import type { EventDraft } from '../source-type.js';
import { connectWithBackoff, type BackoffPlan } from './connection-backoff.js';
import type { ListenerContext } from './listener-source.js';

export interface PushCheckpoint {
  /** messages this event's listeners delivered and acked, all attempts */
  delivered: number;
}

/** Where a connection's callbacks put what the broker pushed, and say that it is gone. */
export class PushInbox<M> {
  private pending: M[] = [];
  private wake: (() => void) | undefined;
  /** why the connection is gone, once it is */
  lostReason: string | undefined;

  push(m: M): void {
    this.pending.push(m);
    this.wakeUp();
  }

  /** the connection is gone: the loop returns after the batch in hand, without acking it */
  lose(why: string): void {
    this.lostReason ??= why;
    this.wakeUp();
  }

  wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  take(): M[] {
    return this.pending.splice(0);
  }

  get size(): number {
    return this.pending.length;
  }

  waitForMore(): Promise<void> {
    return new Promise((r) => (this.wake = r));
  }
}

/** One connection, as the type opened it. */
export interface PushSession<M> {
  draft(m: M): EventDraft;
  /** the batch was accepted by the Sensors; tell the broker (not called once the connection is lost) */
  ack(batch: M[]): void;
  /** runs while a batch is being delivered (e.g. NSQ's touch), returns how to stop it */
  whileDelivering?(batch: M[]): () => void;
  close(): Promise<void>;
}

export interface PushConsumer<M> {
  /** for logs: "amqp source" */
  what: string;
  backoff: BackoffPlan;
  /** log attributes for "consuming" (queue, topic): no secrets */
  describe: Record<string, unknown>;
  /** connects and starts pushing into inbox; rejects when the connection cannot be made */
  open(inbox: PushInbox<M>): Promise<PushSession<M>>;
}

const HEARTBEAT_EVERY_MS = 1000;

async function drainUntilLost<C, M>(
  ctx: ListenerContext<C, PushCheckpoint>,
  state: PushCheckpoint,
  inbox: PushInbox<M>,
  session: PushSession<M>,
): Promise<string> {
  for (;;) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
    if (inbox.lostReason !== undefined) return inbox.lostReason;
    if (inbox.size === 0) {
      await inbox.waitForMore();
      continue;
    }
    const batch = inbox.take();
    const stop = session.whileDelivering?.(batch);
    try {
      await ctx.deliver(batch.map((m) => session.draft(m)));
    } finally {
      stop?.();
    }
    // An ack on a dead connection is meaningless: the broker redelivers on the next one, and
    // the Sensors drop the copies by event id.
    if (inbox.lostReason === undefined) session.ack(batch);
    state.delivered += batch.length;
    ctx.heartbeat(state);
  }
}

/** Consumes until cancelled, reconnecting (with connectionBackoff) when the broker goes away. */
export async function runPushConsumer<C, M>(ctx: ListenerContext<C, PushCheckpoint>, consumer: PushConsumer<M>): Promise<void> {
  const state: PushCheckpoint = { delivered: ctx.checkpoint?.delivered ?? 0 };
  const beat = setInterval(() => ctx.heartbeat(state), HEARTBEAT_EVERY_MS);
  let inbox: PushInbox<M> | undefined;
  const onAbort = () => inbox?.wakeUp();
  ctx.signal.addEventListener('abort', onAbort);
  try {
    ctx.heartbeat(state);
    for (;;) {
      // A fresh inbox per attempt: what a failed attempt pushed (or its loss) is not carried over.
      const { box, session } = await connectWithBackoff(ctx, consumer.what, consumer.backoff, async () => {
        const attempt = new PushInbox<M>();
        inbox = attempt;
        return { box: attempt, session: await consumer.open(attempt) };
      });
      ctx.log.info(`${consumer.what} consuming`, { event: ctx.eventName, ...consumer.describe });
      try {
        const why = await drainUntilLost(ctx, state, box, session);
        ctx.log.warn(`${consumer.what}: connection lost, not consuming; reconnecting`, { event: ctx.eventName, reason: why });
      } finally {
        await session.close().catch(() => undefined);
      }
      await ctx.sleep(consumer.backoff.durationMs);
    }
  } finally {
    clearInterval(beat);
    ctx.signal.removeEventListener('abort', onAbort);
  }
}
