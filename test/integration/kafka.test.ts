// Kafka end to end on a real Kafka 4.4 broker: messages published with kafkajs reach a Sensor
// through the kafka EventSource (Argo's payload shape, a data filter, body.<field> parameters)
// and the Sensor's kafka trigger writes to another topic, read back with kafkajs (payload,
// parameters, headers, idempotency key); a fire to a topic that does not exist yet is retried
// until it does, and lands once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { createSecretStore } from '../../src/secrets/secret-store.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { kafkaMissing, startKafka, type KafkaBroker } from '../support/servers/kafka.js';
import { sleep, waitFor } from '../support/wait-for.js';

const skip = kafkaMissing();
let broker: KafkaBroker;
let e: RunningEventide;
let capture: CaptureServer;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;

interface Received {
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Everything on `topic` from the start, read by a fresh group until `count` arrived. */
async function readTopic(topic: string, count: number, timeoutMs = 30_000): Promise<Received[]> {
  const got: Received[] = [];
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic: t, message: m }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = String(v);
      got.push({ topic: t, key: m.key?.toString() ?? null, value: m.value?.toString() ?? '', headers });
    },
  });
  try {
    await waitFor(() => got.length >= count, { timeoutMs, what: `${count} message(s) on ${topic}` });
    await sleep(500); // a duplicate would arrive right behind
    return got;
  } finally {
    await consumer.disconnect();
  }
}

const payloadParams = [
  { src: { dependencyName: 'orders', contextKey: 'id' }, dest: 'id' },
  { src: { dependencyName: 'orders', dataKey: 'topic' }, dest: 'topic' },
  { src: { dependencyName: 'orders', dataKey: 'partition' }, dest: 'partition' },
  { src: { dependencyName: 'orders', dataKey: 'key' }, dest: 'key' },
  { src: { dependencyName: 'orders', dataKey: 'timestamp' }, dest: 'timestamp' },
  { src: { dependencyName: 'orders', dataKey: 'headers.trace' }, dest: 'trace' },
  { src: { dependencyName: 'orders', dataKey: 'metadata.team' }, dest: 'team' },
  { src: { dependencyName: 'orders', dataKey: 'body.orderId' }, dest: 'orderId' },
  { src: { dependencyName: 'orders', dataKey: 'body.kind' }, dest: 'kind' },
];

before(async () => {
  if (skip) return;
  broker = await startKafka({ autoCreateTopics: false });
  kafka = new Kafka({ brokers: [broker.url], logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: 'orders', numPartitions: 2 }, { topic: 'out' }],
    waitForLeaders: true,
  });
  producer = kafka.producer();
  await producer.connect();
  capture = await startCaptureServer();
  const orders = (kind: string) => ({
    name: 'orders',
    eventSourceName: 'shop',
    eventName: 'orders',
    filters: { data: [{ path: 'body.kind', type: 'string', value: [kind] }] },
  });
  e = await startTestEventide({
    ingress: false,
    secrets: createSecretStore({ env: { EVENTIDE_SECRET_KAFKA_TOKEN: 's3cret' }, dir: '/nonexistent' }),
    manifests: validManifests(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'shop' },
        spec: {
          kafka: {
            orders: {
              url: broker.url,
              topic: 'orders',
              jsonBody: true,
              consumerGroup: { groupName: 'eventide-shop', oldest: true },
              metadata: { team: 'ops' },
            },
          },
        },
      },
      sensor('orders', {
        dependencies: [orders('order')],
        triggers: [
          {
            template: {
              name: 'capture',
              http: { url: `${capture.url}/orders`, method: 'POST', payload: payloadParams },
            },
          },
          {
            template: {
              name: 'forward',
              kafka: {
                url: broker.url,
                topic: 'out',
                headers: { source: 'eventide' },
                secureHeaders: [
                  { name: 'token', valueFrom: { secretKeyRef: { name: 'kafka', key: 'token' } } },
                ],
                partitioningKey: 'placeholder',
                parameters: [
                  { src: { dependencyName: 'orders', dataKey: 'body.orderId' }, dest: 'partitioningKey' },
                ],
                payload: [
                  { src: { dependencyName: 'orders', dataKey: 'body.orderId' }, dest: 'order' },
                  { src: { dependencyName: 'orders', dataKey: 'key' }, dest: 'key' },
                ],
              },
            },
          },
        ],
      }),
      sensor('late', {
        dependencies: [orders('late')],
        triggers: [
          {
            template: {
              name: 'late',
              kafka: {
                url: broker.url,
                topic: 'late',
                payload: [{ src: { dependencyName: 'orders', dataKey: 'body.orderId' }, dest: 'order' }],
              },
            },
            retryStrategy: { steps: 30, duration: '1s' },
          },
        ],
      }),
    ),
  });
});

after(async () => {
  await e?.stop();
  await producer?.disconnect();
  await admin?.disconnect();
  await capture?.close();
  await broker?.stop();
});

type Seen = Record<string, string>;
const seen = (): Seen[] => capture.requests.map((r) => JSON.parse(r.body) as Seen);

test(
  'messages reach the Sensor with Argo’s payload; the data filter drops the rest',
  { skip, timeout: 90_000 },
  async () => {
    await producer.send({
      topic: 'orders',
      messages: [
        {
          partition: 1,
          key: 'k1',
          value: JSON.stringify({ orderId: 'o-1', kind: 'order' }),
          headers: { trace: 't-1' },
        },
        { partition: 1, key: 'k2', value: JSON.stringify({ orderId: 'o-2', kind: 'refund' }) },
        {
          partition: 0,
          key: 'k3',
          value: JSON.stringify({ orderId: 'o-3', kind: 'order' }),
          headers: { trace: 't-3' },
        },
      ],
    });
    await waitFor(() => seen().length >= 2, { timeoutMs: 60_000, what: 'two orders at the capture server' });
    await sleep(1000);
    const got = seen().sort((a, b) => (a.orderId! < b.orderId! ? -1 : 1));
    assert.deepEqual(
      got.map((s) => s.orderId),
      ['o-1', 'o-3'],
      'the refund is filtered out',
    );
    const o1 = got[0]!;
    assert.equal(o1.id, 'kafka:orders/1/0');
    assert.equal(o1.topic, 'orders');
    assert.equal(o1.partition, '1');
    assert.equal(o1.key, 'k1');
    assert.equal(o1.trace, 't-1');
    assert.equal(o1.team, 'ops');
    assert.equal(o1.kind, 'order');
    assert.match(o1.timestamp!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
    assert.equal(got[1]!.id, 'kafka:orders/0/0');
  },
);

test(
  'the kafka trigger writes the payload with parameters, headers and the idempotency key',
  { skip, timeout: 60_000 },
  async () => {
    const out = await readTopic('out', 2);
    assert.equal(out.length, 2, 'one message per fire');
    const byOrder = new Map(out.map((m) => [JSON.parse(m.value).order as string, m]));
    const m1 = byOrder.get('o-1');
    assert.ok(m1, JSON.stringify(out));
    assert.deepEqual(JSON.parse(m1.value), { order: 'o-1', key: 'k1' });
    assert.equal(m1.key, 'o-1', 'partitioningKey set from body.orderId by the trigger parameters');
    assert.equal(m1.headers.source, 'eventide');
    assert.equal(m1.headers.token, 's3cret');
    assert.match(m1.headers['Idempotency-Key'] ?? '', /.+/);
    assert.notEqual(m1.headers['Idempotency-Key'], byOrder.get('o-3')?.headers['Idempotency-Key']);
  },
);

test(
  'a fire to a topic that does not exist yet fails, is retried, and lands once when it does',
  { skip, timeout: 90_000 },
  async () => {
    await producer.send({
      topic: 'orders',
      messages: [{ value: JSON.stringify({ orderId: 'o-late', kind: 'late' }) }],
    });
    // Auto-creation is off: the fire fails until the topic exists.
    await sleep(4000);
    assert.ok(!(await admin.listTopics()).includes('late'), 'the topic was created behind the test');
    await admin.createTopics({ topics: [{ topic: 'late' }], waitForLeaders: true });
    const late = await readTopic('late', 1, 60_000);
    assert.equal(late.length, 1);
    assert.deepEqual(JSON.parse(late[0]!.value), { order: 'o-late' });
  },
);
