// The `nats` EventSource's listen loop. Core NATS (Argo's behaviour): a subscription (in the
// queue group when `queue` is set); the broker keeps nothing, so what is published while no
// listener is subscribed is lost (README). With Eventide's `jetStream` block: a durable pull
// consumer with explicit acks, each batch acked only after ctx.deliver resolved, so a crash
// redelivers instead of losing, and the stream sequence in the event id dedupes the redelivery.
import { randomUUID } from 'node:crypto';
// nats is loaded when the listener first connects, so `eventide validate` does not load it.
import type { JsMsg, Msg, NatsConnection } from 'nats';
import type { BackoffPlan } from '../listener-common/connection-backoff.js';
import { ListenerConfigError, type ListenerContext } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { EventDraft } from '../source-type.js';
import { natsConnectionOptions } from './nats-connect.js';
import type { JetStreamPlan, NatsPlan } from './nats-config.js';
import { natsEventData, NatsBodyError } from './nats-event.js';

interface NatsListenerCheckpoint {
  /** events delivered by this listener, all attempts */
  delivered: number;
  /** JetStream messages the server redelivered (seen again after a crash or an ack timeout) */
  redelivered: number;
}

type Ctx = ListenerContext<NatsPlan, NatsListenerCheckpoint>;

const HEARTBEAT_EVERY_MS = 1000;
/** the most core messages handed to one deliver */
const CORE_BATCH = 500;

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Tries `connect` up to plan.steps times with the plan's growing delays; throws the last error.
 * A ListenerConfigError (a missing secret) is not retried.
 */
async function withBackoff<T>(
  plan: BackoffPlan,
  sleep: (ms: number) => Promise<void>,
  onRetry: (error: unknown, delayMs: number) => void,
  connect: () => Promise<T>,
): Promise<T> {
  let delay = plan.durationMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (e) {
      if (e instanceof ListenerConfigError || attempt >= plan.steps) throw e;
      const wait = delay * (1 + (plan.jitter > 0 ? Math.random() * plan.jitter : 0));
      onRetry(e, Math.round(wait));
      await sleep(wait);
      delay = delay * (plan.factor > 0 ? plan.factor : 1);
    }
  }
}

function clientName(ctx: Ctx): string {
  return `eventide-${ctx.source.namespace}-${ctx.source.name}-${ctx.eventName}`;
}

/** The durable consumer's default name: one per EventSource event. */
function defaultDurable(ctx: Pick<Ctx, 'source' | 'eventName'>): string {
  return `eventide-${ctx.source.namespace}-${ctx.source.name}-${ctx.eventName}`.replace(/[.*>\s]/g, '_');
}

async function connectWithBackoff(ctx: Ctx): Promise<NatsConnection> {
  const plan = ctx.config;
  const secrets = ctx.secrets;
  const opts = await natsConnectionOptions(
    {
      url: plan.url,
      name: clientName(ctx),
      ...(plan.tls ? { tls: plan.tls } : {}),
      ...(plan.auth ? { auth: plan.auth } : {}),
    },
    secrets,
    (ref, field) => resolveSecret(secrets, ref, field),
  );
  const { connect } = await import('nats');
  return withBackoff(
    plan.backoff,
    (ms) => ctx.sleep(ms),
    (e, ms) =>
      ctx.log.warn('nats: cannot connect, not consuming; retrying', {
        url: plan.url,
        error: errorMessage(e),
        retryInMs: ms,
      }),
    () => connect(opts),
  );
}

/** Logs why the listener is not consuming while the client reconnects. */
async function watchStatus(ctx: Ctx, nc: NatsConnection): Promise<void> {
  for await (const s of nc.status()) {
    if (s.type === 'disconnect' || s.type === 'error')
      ctx.log.warn('nats: disconnected, not consuming until reconnected', {
        url: ctx.config.url,
        status: s.type,
      });
    else if (s.type === 'reconnect') ctx.log.info('nats: reconnected', { url: ctx.config.url });
  }
}

function draftOf(ctx: Ctx, msg: Msg | JsMsg, id: string): EventDraft | undefined {
  try {
    return { id, data: natsEventData(msg, ctx.config.jsonBody, ctx.config.metadata) };
  } catch (e) {
    if (!(e instanceof NatsBodyError)) throw e;
    ctx.log.warn('nats: message dropped', { event: ctx.eventName, error: e.message });
    return undefined;
  }
}

async function listenCore(ctx: Ctx, nc: NatsConnection, checkpoint: NatsListenerCheckpoint): Promise<void> {
  const queue: Msg[] = [];
  let wake: (() => void) | undefined;
  const sub = nc.subscribe(ctx.config.subject, {
    ...(ctx.config.queue ? { queue: ctx.config.queue } : {}),
    callback: (err, msg) => {
      if (err) return;
      queue.push(msg);
      wake?.();
    },
  });
  await nc.flush(); // the subscription is registered on the server from here on
  ctx.log.info('nats: subscribed', { subject: ctx.config.subject, queue: ctx.config.queue });
  try {
    for (;;) {
      if (queue.length === 0) {
        await Promise.race([
          new Promise<void>((r) => (wake = r)),
          ctx.sleep(HEARTBEAT_EVERY_MS),
          nc.closed(),
        ]);
        wake = undefined;
        if (nc.isClosed()) throw new Error('nats: connection closed');
        continue;
      }
      // Core NATS has no message identity: a random id (nothing is ever redelivered).
      const drafts = queue
        .splice(0, CORE_BATCH)
        .map((m) => draftOf(ctx, m, `nats:${randomUUID()}`))
        .filter((d): d is EventDraft => d !== undefined);
      if (drafts.length > 0) await ctx.deliver(drafts);
      checkpoint.delivered += drafts.length;
    }
  } finally {
    sub.unsubscribe();
  }
}

async function ensureConsumer(
  ctx: Ctx,
  nc: NatsConnection,
  js: JetStreamPlan,
  durable: string,
): Promise<void> {
  const jsm = await nc.jetstreamManager();
  try {
    await jsm.consumers.info(js.stream, durable);
    return;
  } catch (e) {
    const msg = errorMessage(e);
    if (/stream not found/i.test(msg))
      throw new Error(
        `nats: JetStream stream ${JSON.stringify(js.stream)} does not exist (create it; the listener retries)`,
      );
    if (!/consumer not found/i.test(msg)) throw e;
  }
  const { AckPolicy, DeliverPolicy, nanos } = await import('nats');
  await jsm.consumers.add(js.stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    filter_subject: ctx.config.subject,
    deliver_policy: js.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    ack_wait: nanos(js.ackWaitMs),
    max_ack_pending: Math.max(1000, js.batchSize * 2),
  });
  ctx.log.info('nats: created durable consumer', { stream: js.stream, durable });
}

async function listenJetStream(
  ctx: Ctx,
  nc: NatsConnection,
  js: JetStreamPlan,
  checkpoint: NatsListenerCheckpoint,
): Promise<void> {
  const durable = js.durable ?? defaultDurable(ctx);
  await ensureConsumer(ctx, nc, js, durable);
  const consumer = await nc.jetstream().consumers.get(js.stream, durable);
  ctx.log.info('nats: consuming JetStream', { stream: js.stream, durable });
  for (;;) {
    if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
    if (nc.isClosed()) throw new Error('nats: connection closed');
    const msgs: JsMsg[] = [];
    for await (const m of await consumer.fetch({ max_messages: js.batchSize, expires: 1000 })) msgs.push(m);
    if (msgs.length === 0) continue;
    checkpoint.redelivered += msgs.filter((m) => m.redelivered).length;
    const drafts: EventDraft[] = [];
    for (const m of msgs) {
      const d = draftOf(ctx, m, `nats:${js.stream}/${m.seq}`);
      if (d) drafts.push(d);
    }
    // While the Sensors accept the batch, keep the server from redelivering it.
    const keepAlive = setInterval(() => msgs.forEach((m) => m.working()), Math.max(500, js.ackWaitMs / 3));
    try {
      if (drafts.length > 0) await ctx.deliver(drafts);
    } finally {
      clearInterval(keepAlive);
    }
    checkpoint.delivered += drafts.length;
    // Acked only now: every subscribed Sensor durably has these events.
    await Promise.all(msgs.map((m) => m.ackAck()));
  }
}

export async function listenNats(ctx: Ctx): Promise<void> {
  const checkpoint: NatsListenerCheckpoint = ctx.checkpoint ?? { delivered: 0, redelivered: 0 };
  ctx.heartbeat(checkpoint);
  const beat = setInterval(() => ctx.heartbeat(checkpoint), HEARTBEAT_EVERY_MS);
  let nc: NatsConnection | undefined;
  try {
    nc = await connectWithBackoff(ctx);
    void watchStatus(ctx, nc).catch(() => undefined);
    const js = ctx.config.jetStream;
    if (js) await listenJetStream(ctx, nc, js, checkpoint);
    else await listenCore(ctx, nc, checkpoint);
  } finally {
    clearInterval(beat);
    await nc?.close().catch(() => undefined);
  }
}
