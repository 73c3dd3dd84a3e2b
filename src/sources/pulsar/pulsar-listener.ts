// The `pulsar` EventSource's listen loop: one WebSocket consumer per topic on the subscription
// Argo uses (the event's name, exclusive or shared), a bounded receiver queue (Pulsar's WebSocket
// proxy stops pushing once that many are unacked), each batch delivered to the Sensors and only
// then acked by messageId (listener-common/push-consumer). A crash before the ack leaves the
// messages unacked on the subscription, so Pulsar redelivers them to the restarted listener;
// their ids (from the message position) let the Sensors dedupe.
import type WebSocket from 'ws';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { runPushConsumer, type PushCheckpoint, type PushInbox, type PushSession } from '../listener-common/push-consumer.js';
import type { PulsarPlan } from './pulsar-config.js';
import { pulsarSocketOptions, topicSocketUrl, type PulsarTopic } from './pulsar-connection.js';
import { pulsarEventDraft, type PulsarWsMessage } from './pulsar-event.js';

export type PulsarCheckpoint = PushCheckpoint;

interface Received {
  topic: PulsarTopic;
  socket: WebSocket;
  msg: PulsarWsMessage;
}

/** Unacked messages per topic the proxy may push: the bound on what is held in memory. */
const RECEIVER_QUEUE = 500;
/** Keeps the proxy's idle timeout (5 min by default) from closing a quiet subscription. */
const PING_EVERY_MS = 30_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', (e) => reject(e));
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`the WebSocket API answered HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim())),
    );
  });
}

async function open(ctx: ListenerContext<PulsarPlan, PulsarCheckpoint>, inbox: PushInbox<Received>): Promise<PushSession<Received>> {
  const plan = ctx.config;
  const { default: WebSocketClient } = await import('ws');
  const options = pulsarSocketOptions(plan.connection, ctx.secrets);
  const subscriptionType = plan.type === 'shared' ? 'Shared' : 'Exclusive';
  const sockets: WebSocket[] = [];
  const closeAll = () => sockets.forEach((s) => s.terminate());
  try {
    for (const topic of plan.topics) {
      const url = `${topicSocketUrl(plan.connection, 'consumer', topic, ctx.eventName)}?subscriptionType=${subscriptionType}&receiverQueueSize=${RECEIVER_QUEUE}`;
      const ws = new WebSocketClient(url, options);
      sockets.push(ws);
      await opened(ws);
      ws.on('message', (raw) => {
        let msg: PulsarWsMessage;
        try {
          msg = JSON.parse(String(raw)) as PulsarWsMessage;
        } catch {
          return ctx.log.warn('pulsar source: ignoring a frame that is not JSON', { event: ctx.eventName, topic: topic.name });
        }
        if (typeof msg.messageId === 'string') inbox.push({ topic, socket: ws, msg });
      });
      ws.on('error', (e) => inbox.lose(`${topic.name}: ${message(e)}`));
      ws.on('close', (code) => inbox.lose(`${topic.name}: WebSocket closed (${code})`));
    }
  } catch (e) {
    closeAll();
    throw new Error(`cannot subscribe ${ctx.eventName} at ${plan.connection.url}: ${message(e)}`);
  }
  const ping = setInterval(() => sockets.forEach((s) => s.ping()), PING_EVERY_MS);
  return {
    draft: (r) => pulsarEventDraft(plan, ctx.eventName, r.topic, r.msg),
    ack: (batch) => {
      for (const r of batch) if (r.socket.readyState === r.socket.OPEN) r.socket.send(JSON.stringify({ messageId: r.msg.messageId }));
    },
    close: async () => {
      clearInterval(ping);
      sockets.forEach((s) => s.close());
    },
  };
}

export function listenPulsar(ctx: ListenerContext<PulsarPlan, PulsarCheckpoint>): Promise<void> {
  return runPushConsumer<PulsarPlan, Received>(ctx, {
    what: 'pulsar source',
    backoff: ctx.config.connection.backoff,
    describe: { topics: ctx.config.topics.map((t) => t.name), subscription: ctx.eventName, type: ctx.config.type },
    open: (inbox) => open(ctx, inbox),
  });
}
