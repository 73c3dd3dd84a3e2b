// An amqp EventSource end to end on a real RabbitMQ, with the worker in a child process:
// messages published with amqplib reach a Sensor with Argo's AMQPEventData payload, a data filter
// and a body.<field> parameter apply; then the worker is killed (SIGKILL) while messages are
// consumed (1,000; EVENTIDE_AMQP_CRASH_MESSAGES for more) and restarted: every message fires exactly once at the receiver (unacked messages are
// redelivered, their message-id makes the event id, the Sensor dedupes).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import amqp, { type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { rabbitMqMissing, startRabbitMq, type RabbitMq } from '../support/servers/rabbitmq.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { waitFor } from '../support/wait-for.js';

const skip = rabbitMqMissing();
// 1,000 unless EVENTIDE_AMQP_CRASH_MESSAGES asks for more; the numbers printed say how many.
const BULK = Number(process.env.EVENTIDE_AMQP_CRASH_MESSAGES ?? 1000);
let broker: RabbitMq;
let e: RunningEventide;
let capture: CaptureServer;
let conn: ChannelModel;
let pub: ConfirmChannel;
const workers: WorkerProcess[] = [];

interface Seen {
  id: string;
  n: string;
  exchange: string;
  routingKey: string;
  messageId: string;
  contentType: string;
  team: string;
}
const seen = (dep: string): (Seen & { key: string })[] =>
  capture.requests
    .filter((r) => r.url === `/${dep}`)
    .map((r) => ({ ...(JSON.parse(r.body) as Seen), key: String(r.headers['idempotency-key']) }));

function trigger(dep: string) {
  return {
    template: {
      name: dep,
      conditions: dep,
      http: {
        url: `${capture.url}/${dep}`,
        method: 'POST',
        payload: [
          { src: { dependencyName: dep, contextKey: 'id' }, dest: 'id' },
          { src: { dependencyName: dep, dataKey: 'body.n' }, dest: 'n' },
          { src: { dependencyName: dep, dataKey: 'exchange' }, dest: 'exchange' },
          { src: { dependencyName: dep, dataKey: 'routingKey' }, dest: 'routingKey' },
          { src: { dependencyName: dep, dataKey: 'messageId' }, dest: 'messageId' },
          { src: { dependencyName: dep, dataKey: 'contentType' }, dest: 'contentType' },
          { src: { dependencyName: dep, dataKey: 'metadata.team', value: '' }, dest: 'team' },
        ],
      },
    },
    retryStrategy: { steps: 10, duration: '200ms' },
  };
}

const durableQueue = (name: string) => ({ name, durable: true, exclusive: false, autoDelete: false });

before(async () => {
  if (skip) return;
  broker = await startRabbitMq();
  capture = await startCaptureServer();
  conn = await amqp.connect(broker.url);
  pub = await conn.createConfirmChannel();
  // The queues exist before anything is published, as they would in production.
  for (const [ex, type, q, key] of [
    ['shop', 'topic', 'eventide-orders', 'order.*'],
    ['bulk', 'direct', 'eventide-bulk', 'bulk'],
  ] as const) {
    await pub.assertExchange(ex, type, { durable: true });
    await pub.assertQueue(q, { durable: true, exclusive: false, autoDelete: false });
    await pub.bindQueue(q, ex, key);
  }
  e = await startTestEventide({
    worker: false,
    ingress: false,
    manifests: validManifests(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'rabbit' },
        spec: {
          amqp: {
            orders: {
              url: broker.url,
              exchangeName: 'shop',
              exchangeType: 'topic',
              routingKey: 'order.*',
              jsonBody: true,
              queueDeclare: durableQueue('eventide-orders'),
              consume: { consumerTag: 'orders', autoAck: true },
              metadata: { team: 'ops' },
            },
            bulk: {
              url: broker.url,
              exchangeName: 'bulk',
              exchangeType: 'direct',
              routingKey: 'bulk',
              jsonBody: true,
              queueDeclare: durableQueue('eventide-bulk'),
            },
          },
        },
      },
      sensor('amqp-orders', {
        dependencies: [
          {
            name: 'orders',
            eventSourceName: 'rabbit',
            eventName: 'orders',
            filters: { data: [{ path: 'body.kind', type: 'string', value: ['order'] }] },
          },
          { name: 'bulk', eventSourceName: 'rabbit', eventName: 'bulk' },
        ],
        triggers: [trigger('orders'), trigger('bulk')],
      }),
    ),
  });
  const w = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
  workers.push(w);
  await w.ready;
});

after(async () => {
  for (const w of workers) await w.kill();
  await conn?.close().catch(() => undefined);
  await e?.stop();
  await capture?.close();
  await broker?.stop();
});

function publish(exchange: string, key: string, body: unknown, messageId: string): boolean {
  return pub.publish(exchange, key, Buffer.from(JSON.stringify(body)), {
    messageId,
    contentType: 'application/json',
    persistent: true,
  });
}

test('messages reach the Sensor with Argo’s payload; the data filter drops the rest', { skip, timeout: 90_000 }, async () => {
  publish('shop', 'order.created', { kind: 'refund', n: 'filtered' }, 'o-1');
  publish('shop', 'order.created', { kind: 'order', n: 'real' }, 'o-2');
  await pub.waitForConfirms();
  const real = await waitFor(() => seen('orders').find((s) => s.n === 'real'), { timeoutMs: 60_000, what: 'the order' });
  assert.deepEqual(
    { exchange: real.exchange, routingKey: real.routingKey, messageId: real.messageId, contentType: real.contentType, team: real.team },
    { exchange: 'shop', routingKey: 'order.created', messageId: 'o-2', contentType: 'application/json', team: 'ops' },
  );
  assert.equal(real.id, 'amqp:shop/eventide-orders/o-2', 'the event id comes from the message id');
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(!seen('orders').some((s) => s.n === 'filtered'), 'the data filter dropped kind=refund');
});

test(`kill -9 the worker while ${BULK} messages are consumed: 0 lost, 0 duplicate fires`, { skip, timeout: 600_000 }, async () => {
  const started = Date.now();
  for (let i = 0; i < BULK; i++) publish('bulk', 'bulk', { n: `m-${i}` }, `m-${i}`);
  await pub.waitForConfirms();
  // Kill once a good part (not all) has fired.
  await waitFor(() => seen('bulk').length >= BULK / 5, { timeoutMs: 120_000, intervalMs: 50, what: 'a fifth of the messages to fire' });
  const atKill = seen('bulk').length;
  await workers[0]!.kill('SIGKILL');
  const second = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
  workers.push(second);
  await second.ready;
  const progress = () => {
    const all = seen('bulk');
    return { firedAtKill: atKill, requests: all.length, distinctMessages: new Set(all.map((s) => s.n)).size, elapsedMs: Date.now() - started };
  };
  const ticker = setInterval(() => console.log(JSON.stringify(progress())), 15_000);
  try {
    await waitFor(() => new Set(seen('bulk').map((s) => s.n)).size >= BULK, {
      timeoutMs: 480_000,
      intervalMs: 200,
      what: `all ${BULK} messages to fire (${JSON.stringify(progress())})`,
    });
  } finally {
    clearInterval(ticker);
  }
  const elapsedMs = Date.now() - started;
  // Give any redelivered duplicate a moment to show up before counting.
  await new Promise((r) => setTimeout(r, 3000));
  const all = seen('bulk');
  const distinctMessages = new Set(all.map((s) => s.n)).size;
  const distinctEvents = new Set(all.map((s) => s.id)).size;
  const distinctKeys = new Set(all.map((s) => s.key)).size;
  const q = await pub.checkQueue('eventide-bulk');
  console.log(
    JSON.stringify({
      messages: BULK,
      firedAtKill: atKill,
      requests: all.length,
      distinctMessages,
      distinctEvents,
      distinctIdempotencyKeys: distinctKeys,
      triggerRetriesSameKey: all.length - distinctKeys,
      lost: BULK - distinctMessages,
      duplicateFires: distinctKeys - distinctMessages,
      leftInQueue: q.messageCount,
      elapsedMs,
    }),
  );
  assert.equal(distinctMessages, BULK, 'no message lost');
  assert.equal(distinctEvents, BULK, 'one event per message');
  assert.equal(distinctKeys, BULK, 'no message fired twice (a retried request carries the same key)');
  assert.equal(q.messageCount, 0, 'everything was acked');
});
