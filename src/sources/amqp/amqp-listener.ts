// The `amqp` EventSource's listen loop: declares the exchange, queue and binding as configured,
// consumes with manual acks and a bounded prefetch, delivers each batch to the Sensors and acks
// it only once they accepted it (listener-common/push-consumer). A crash before the ack leaves
// the messages unacked, so the broker redelivers them to the restarted listener; their ids (from
// message-id) let the Sensors dedupe.
import { randomUUID } from 'node:crypto';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { tlsOptions } from '../listener-common/broker-settings.js';
import { runPushConsumer, type PushCheckpoint, type PushInbox, type PushSession } from '../listener-common/push-consumer.js';
import type { AmqpPlan } from './amqp-config.js';
import { amqpEventDraft } from './amqp-event.js';

export type AmqpCheckpoint = PushCheckpoint;

/** Unacked messages the broker may hand us at once: the bound on what is held in memory. */
const PREFETCH = 500;

function brokerUrl(plan: AmqpPlan, secrets: SecretStore): string {
  const raw = plan.urlSecret ? secrets.get(plan.urlSecret) : plan.url!;
  if (!plan.auth) return raw;
  const u = new URL(raw);
  u.username = encodeURIComponent(secrets.get(plan.auth.username));
  u.password = encodeURIComponent(secrets.get(plan.auth.password));
  return u.toString();
}

async function declare(conn: ChannelModel, plan: AmqpPlan): Promise<{ ch: Channel; queue: string }> {
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
  return { ch, queue: q.queue };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function open(plan: AmqpPlan, secrets: SecretStore, inbox: PushInbox<ConsumeMessage>): Promise<PushSession<ConsumeMessage>> {
  const { default: amqp } = await import('amqplib');
  const socketOptions = plan.tls ? tlsOptions(plan.tls, (ref) => secrets.get(ref)) : {};
  const conn = await amqp.connect(brokerUrl(plan, secrets), socketOptions);
  try {
    conn.on('error', (e: unknown) => inbox.lose(message(e)));
    conn.on('close', () => inbox.lose('connection closed'));
    const { ch, queue } = await declare(conn, plan);
    ch.on('close', () => inbox.lose('channel closed'));
    const session = randomUUID();
    await ch.consume(
      queue,
      (msg) => (msg === null ? inbox.lose('consumer cancelled by the broker') : inbox.push(msg)),
      { consumerTag: `${plan.consume.consumerTag}-${session}`, noAck: false, exclusive: plan.consume.exclusive, noLocal: plan.consume.noLocal },
    );
    const queueName = plan.queueDeclare.name || queue;
    return {
      draft: (m) => amqpEventDraft(plan, queueName, session, m),
      // Everything up to the last tag was delivered (the channel delivers in order).
      ack: (batch) => ch.ack(batch[batch.length - 1]!, true),
      close: () => conn.close(),
    };
  } catch (e) {
    await conn.close().catch(() => undefined);
    throw e;
  }
}

/** Consumes until cancelled, reconnecting (with connectionBackoff) when the broker goes away. */
export function listenAmqp(ctx: ListenerContext<AmqpPlan, AmqpCheckpoint>): Promise<void> {
  const plan = ctx.config;
  return runPushConsumer<AmqpPlan, ConsumeMessage>(ctx, {
    what: 'amqp source',
    backoff: plan.backoff,
    describe: { exchange: plan.exchangeName, queue: plan.queueDeclare.name },
    open: (inbox) => open(plan, ctx.secrets, inbox),
  });
}
