// The `amqp` EventSource's listen loop: declares the exchange, queue and binding as configured,
// consumes with manual acks and a bounded prefetch, delivers each batch to the Sensors and acks
// it only once they accepted it. A crash before the ack leaves the messages unacked, so the broker
// redelivers them to the restarted listener; their ids (from message-id) let the Sensors dedupe.
import { randomUUID } from 'node:crypto';
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { connectWithBackoff, listenerSecrets, tlsOptions } from '../listener-common/broker-settings.js';
import type { AmqpPlan } from './amqp-config.js';
import { amqpEventDraft } from './amqp-event.js';

export interface AmqpCheckpoint {
  /** messages this event's listeners delivered and acked, all attempts */
  delivered: number;
}

/** Unacked messages the broker may hand us at once: the bound on what is held in memory. */
const PREFETCH = 500;
const HEARTBEAT_EVERY_MS = 1000;

function brokerUrl(plan: AmqpPlan): string {
  const secrets = listenerSecrets();
  const raw = plan.urlSecret ? secrets.get(plan.urlSecret) : plan.url!;
  if (!plan.auth) return raw;
  const u = new URL(raw);
  u.username = encodeURIComponent(secrets.get(plan.auth.username));
  u.password = encodeURIComponent(secrets.get(plan.auth.password));
  return u.toString();
}

async function open(plan: AmqpPlan): Promise<{ conn: ChannelModel; ch: Channel; queue: string }> {
  const socketOptions = plan.tls ? tlsOptions(plan.tls, listenerSecrets()) : {};
  const conn = await amqp.connect(brokerUrl(plan), socketOptions);
  try {
    const ch = await conn.createChannel();
    await ch.prefetch(PREFETCH);
    const ed = plan.exchangeDeclare;
    await ch.assertExchange(plan.exchangeName, plan.exchangeType, { durable: ed.durable, autoDelete: ed.autoDelete, internal: ed.internal });
    const qd = plan.queueDeclare;
    const q = await ch.assertQueue(qd.name, {
      durable: qd.durable,
      autoDelete: qd.autoDelete,
      exclusive: qd.exclusive,
      ...(qd.arguments ? { arguments: qd.arguments } : {}),
    });
    await ch.bindQueue(q.queue, plan.exchangeName, plan.routingKey);
    return { conn, ch, queue: q.queue };
  } catch (e) {
    await conn.close().catch(() => undefined);
    throw e;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One connection's consumption; resolves when the connection is lost, rejects on cancellation. */
async function consumeUntilLost(ctx: ListenerContext<AmqpPlan, AmqpCheckpoint>, state: AmqpCheckpoint): Promise<void> {
  const plan = ctx.config;
  const { conn, ch, queue } = await connectWithBackoff(ctx, 'amqp source', plan.backoff, () => open(plan));
  const session = randomUUID();
  const pending: ConsumeMessage[] = [];
  let wake: (() => void) | undefined;
  let lost: string | undefined;
  const onLost = (why: string) => {
    lost ??= why;
    wake?.();
  };
  conn.on('error', (e: unknown) => onLost(message(e)));
  conn.on('close', () => onLost('connection closed'));
  ch.on('close', () => onLost('channel closed'));
  const onAbort = () => wake?.();
  ctx.signal.addEventListener('abort', onAbort);
  try {
    await ch.consume(
      queue,
      (msg) => {
        if (msg === null) onLost('consumer cancelled by the broker');
        else pending.push(msg);
        wake?.();
      },
      { consumerTag: `${plan.consume.consumerTag}-${session}`, noAck: false, exclusive: plan.consume.exclusive, noLocal: plan.consume.noLocal },
    );
    ctx.log.info('amqp source consuming', { event: ctx.eventName, queue });
    for (;;) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
      if (lost !== undefined) {
        ctx.log.warn('amqp source: connection lost, not consuming; reconnecting', { event: ctx.eventName, reason: lost });
        return;
      }
      if (pending.length === 0) {
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
        continue;
      }
      const batch = pending.splice(0);
      await ctx.deliver(batch.map((m) => amqpEventDraft(plan, plan.queueDeclare.name || queue, session, m)));
      // Everything up to the last tag was delivered (the channel delivers in order).
      if (lost === undefined) ch.ack(batch[batch.length - 1]!, true);
      state.delivered += batch.length;
      ctx.heartbeat(state);
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await conn.close().catch(() => undefined);
  }
}

/** Consumes until cancelled, reconnecting (with connectionBackoff) when the broker goes away. */
export async function listenAmqp(ctx: ListenerContext<AmqpPlan, AmqpCheckpoint>): Promise<void> {
  const state: AmqpCheckpoint = { delivered: ctx.checkpoint?.delivered ?? 0 };
  const beat = setInterval(() => ctx.heartbeat(state), HEARTBEAT_EVERY_MS);
  try {
    ctx.heartbeat(state);
    for (;;) {
      await consumeUntilLost(ctx, state);
      await ctx.sleep(ctx.config.backoff.durationMs);
    }
  } finally {
    clearInterval(beat);
  }
}

