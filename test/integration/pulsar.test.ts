// The pulsar EventSource and trigger end to end on a real Pulsar standalone, with the worker in
// a child process, all through Pulsar's WebSocket API: messages published on a topic reach a
// Sensor with Argo's PulsarEventData, a data filter and body.<field> parameters apply; the
// Sensor's pulsar trigger writes to a topic (read back with the WebSocket reader: payload,
// parameters, the Idempotency-Key property), and a fire to a namespace that does not exist yet
// is retried until it does and lands once. Then the worker is killed (SIGKILL) mid-stream and
// restarted: every message fires exactly once at the receiver (unacked messages are redelivered
// on the subscription, their position makes the event id, the Sensor dedupes).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { pulsarMissing, startPulsar, type PulsarServer } from '../support/servers/pulsar.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { sleep, waitFor } from '../support/wait-for.js';

// 1,000 unless EVENTIDE_PULSAR_CRASH_MESSAGES asks for more; the numbers printed say how many.
const CRASH_MESSAGES = Number(process.env.EVENTIDE_PULSAR_CRASH_MESSAGES ?? 1000);
const skip = pulsarMissing();
let pulsar: PulsarServer;
let e: RunningEventide;
let capture: CaptureServer;
const workers: WorkerProcess[] = [];

const topicPath = (t: string) => (t.includes('/') ? t : `public/default/${t}`);

function opened(ws: WebSocket): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Publishes with the WebSocket producer; resolves once the broker answered ok for every one. */
async function publish(topic: string, bodies: unknown[], key?: string): Promise<void> {
  const ws = await opened(new WebSocket(`${pulsar.wsUrl}/ws/v2/producer/persistent/${topicPath(topic)}`));
  let ok = 0;
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      const r = JSON.parse(String(raw)) as { result: string };
      if (r.result !== 'ok') reject(new Error(`publish refused: ${String(raw)}`));
      else if (++ok === bodies.length) resolve();
    });
  });
  bodies.forEach((b, i) =>
    ws.send(JSON.stringify({ payload: Buffer.from(JSON.stringify(b)).toString('base64'), context: String(i), ...(key ? { key } : {}) })),
  );
  await done;
  ws.close();
}

interface Read {
  payload: unknown;
  properties: Record<string, string>;
}

/** Reads a topic from its earliest message with the WebSocket reader until `count` arrived. */
async function readTopic(topic: string, count: number): Promise<Read[]> {
  const ws = await opened(new WebSocket(`${pulsar.wsUrl}/ws/v2/reader/persistent/${topicPath(topic)}?messageId=earliest`));
  const out: Read[] = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as { messageId: string; payload: string; properties?: Record<string, string> };
    out.push({ payload: JSON.parse(Buffer.from(m.payload, 'base64').toString('utf8')), properties: m.properties ?? {} });
    ws.send(JSON.stringify({ messageId: m.messageId }));
  });
  try {
    await waitFor(() => out.length >= count || undefined, { timeoutMs: 60_000, what: `${count} messages on ${topic}` });
    await sleep(500); // a second copy would show up right behind
    return out;
  } finally {
    ws.close();
  }
}

async function subscribed(topic: string, subscription: string): Promise<void> {
  await waitFor(
    async () => {
      const res = await fetch(`${pulsar.httpUrl}/admin/v2/persistent/${topicPath(topic)}/subscriptions`);
      return res.ok && ((await res.json()) as string[]).includes(subscription) ? true : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 300, what: `the listener's subscription ${subscription} on ${topic}` },
  );
}

interface Seen {
  id: string;
  n: string;
  key: string;
  publishTime: string;
  team: string;
  idem: string;
}
const seen = (path: string): Seen[] =>
  capture.requests.filter((r) => r.url === `/${path}`).map((r) => ({ ...(JSON.parse(r.body) as Seen), idem: String(r.headers['idempotency-key']) }));

before(async () => {
  if (skip) return;
  pulsar = await startPulsar();
  capture = await startCaptureServer();
  e = await startTestEventide({
    worker: false,
    ingress: false,
    manifests: validManifests(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'pulsar' },
        spec: {
          pulsar: {
            orders: { url: pulsar.httpUrl, topics: ['orders'], type: 'shared', jsonBody: true, metadata: { team: 'ops' } },
            bulk: { url: pulsar.wsUrl, topics: ['persistent://public/default/bulk'], type: 'exclusive', jsonBody: true },
          },
        },
      },
      sensor('pulsar-orders', {
        dependencies: [
          {
            name: 'orders',
            eventSourceName: 'pulsar',
            eventName: 'orders',
            filters: { data: [{ path: 'body.kind', type: 'string', value: ['order'] }] },
          },
        ],
        triggers: [
          {
            template: {
              name: 'receiver',
              http: {
                url: `${capture.url}/orders`,
                method: 'POST',
                payload: [
                  { src: { dependencyName: 'orders', contextKey: 'id' }, dest: 'id' },
                  { src: { dependencyName: 'orders', dataKey: 'body.n' }, dest: 'n' },
                  { src: { dependencyName: 'orders', dataKey: 'key' }, dest: 'key' },
                  { src: { dependencyName: 'orders', dataKey: 'publishTime' }, dest: 'publishTime' },
                  { src: { dependencyName: 'orders', dataKey: 'metadata.team', value: '' }, dest: 'team' },
                ],
              },
            },
            retryStrategy: { steps: 10, duration: '200ms' },
          },
          {
            template: {
              name: 'forward',
              pulsar: {
                url: pulsar.httpUrl,
                topic: 'placeholder',
                connectionBackoff: { duration: '200ms', steps: 2 },
                parameters: [{ src: { dependencyName: 'orders', dataKey: 'body.dest' }, dest: 'topic' }],
                payload: [
                  { src: { dependencyName: 'orders', dataKey: 'body.n' }, dest: 'order' },
                  { src: { dependencyName: 'orders', dataKey: 'key' }, dest: 'key' },
                ],
              },
            },
            retryStrategy: { steps: 30, duration: '1s' },
          },
        ],
      }),
      sensor('pulsar-bulk', {
        dependencies: [{ name: 'bulk', eventSourceName: 'pulsar', eventName: 'bulk' }],
        triggers: [
          {
            template: {
              name: 'bulk',
              http: {
                url: `${capture.url}/bulk`,
                method: 'POST',
                payload: [
                  { src: { dependencyName: 'bulk', contextKey: 'id' }, dest: 'id' },
                  { src: { dependencyName: 'bulk', dataKey: 'body.n' }, dest: 'n' },
                ],
              },
            },
            retryStrategy: { steps: 10, duration: '200ms' },
          },
        ],
      }),
    ),
  });
  const w = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
  workers.push(w);
  await w.ready;
  // A new subscription starts at the newest message (Argo's default): publish once it exists.
  await subscribed('orders', 'orders');
  await subscribed('bulk', 'bulk');
});

after(async () => {
  for (const w of workers) await w.kill();
  await e?.stop();
  await capture?.close();
  await pulsar?.stop();
});

test('messages reach the Sensor with Argo’s payload; the data filter drops the rest; the pulsar trigger forwards them', { skip, timeout: 120_000 }, async (t) => {
  const t0 = Date.now();
  await publish('orders', [{ kind: 'refund', n: 'filtered', dest: 'out' }], 'k-0');
  await publish('orders', [{ kind: 'order', n: 'real', dest: 'out' }], 'k-1');
  const real = await waitFor(() => seen('orders').find((s) => s.n === 'real'), { timeoutMs: 60_000, what: 'the order' });
  t.diagnostic(`first event at the receiver after ${Date.now() - t0} ms`);
  assert.equal(real.key, 'k-1', 'the message key');
  assert.equal(real.team, 'ops', 'metadata');
  assert.match(real.publishTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/, 'Go time.String() of the publish time, as Argo');
  assert.match(real.id, /^pulsar:orders\/persistent:\/\/public\/default\/orders\/\d+:\d+:-?\d+:-?\d+$/, 'the event id comes from the message position');

  const out = await readTopic('out', 1);
  t.diagnostic(`forwarded message read after ${Date.now() - t0} ms`);
  assert.equal(out.length, 1, 'one message per fire');
  assert.deepEqual(out[0]!.payload, { order: 'real', key: 'k-1' }, 'payload built from the event; topic set by the parameters');
  // Each trigger's fire has its own key: the pulsar fire's is not the http fire's.
  const key = out[0]!.properties['Idempotency-Key'] ?? '';
  assert.match(key, /^[0-9a-f]{16,}$/, 'the fire’s idempotency key is a message property');
  assert.notEqual(key, real.idem);
  assert.ok(!seen('orders').some((s) => s.n === 'filtered'), 'the data filter dropped kind=refund');
});

test('a fire to a namespace that does not exist yet is retried until it does, and lands once', { skip, timeout: 120_000 }, async () => {
  await publish('orders', [{ kind: 'order', n: 'later', dest: 'public/later/out' }]);
  await waitFor(() => seen('orders').find((s) => s.n === 'later'), { timeoutMs: 60_000, what: 'the http fire of the same event' });
  await sleep(2000); // the pulsar fire has failed at least once meanwhile
  const res = await fetch(`${pulsar.httpUrl}/admin/v2/namespaces/public/later`, { method: 'PUT' });
  assert.ok(res.ok, `namespace created (${res.status})`);
  const out = await readTopic('public/later/out', 1);
  assert.equal(out.length, 1, 'the retried fire landed exactly once');
  assert.deepEqual(out[0]!.payload, { order: 'later', key: '' });
});

test(`kill -9 the worker while ${CRASH_MESSAGES} messages are consumed: 0 lost, 0 duplicate fires`, { skip, timeout: 600_000 }, async () => {
  const started = Date.now();
  for (let i = 0; i < CRASH_MESSAGES; i += 500)
    await publish('bulk', Array.from({ length: Math.min(500, CRASH_MESSAGES - i) }, (_, j) => ({ n: `m-${i + j}` })));
  const distinct = () => new Set(seen('bulk').map((s) => s.n)).size;
  await waitFor(() => distinct() >= CRASH_MESSAGES / 5 || undefined, { timeoutMs: 120_000, intervalMs: 50, what: 'a fifth of the messages to fire' });
  await workers[0]!.kill('SIGKILL');
  const atKill = distinct();
  const second = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
  workers.push(second);
  await second.ready;
  await waitFor(() => distinct() >= CRASH_MESSAGES || undefined, {
    timeoutMs: 480_000,
    intervalMs: 200,
    what: `all ${CRASH_MESSAGES} messages to fire (${distinct()} so far)`,
  });
  const elapsedMs = Date.now() - started;
  await sleep(3000); // anything redelivered and not deduplicated would fire right behind
  const all = seen('bulk');
  const keysByMessage = new Map<string, Set<string>>();
  for (const s of all) keysByMessage.set(s.n, (keysByMessage.get(s.n) ?? new Set()).add(s.idem));
  const duplicateFires = [...keysByMessage.values()].reduce((sum, k) => sum + k.size - 1, 0);
  const stats = (await (await fetch(`${pulsar.httpUrl}/admin/v2/persistent/public/default/bulk/stats`)).json()) as {
    subscriptions: Record<string, { msgBacklog: number; msgRateRedeliver: number }>;
  };
  console.log(
    `pulsar crash test: ${JSON.stringify({
      messages: CRASH_MESSAGES,
      firedAtKill: atKill,
      distinctFired: keysByMessage.size,
      requestsAtReceiver: all.length,
      distinctEventIds: new Set(all.map((s) => s.id)).size,
      lost: CRASH_MESSAGES - keysByMessage.size,
      duplicateFires,
      backlogAfter: stats.subscriptions.bulk?.msgBacklog,
      elapsedMs,
    })}`,
  );
  assert.equal(keysByMessage.size, CRASH_MESSAGES, 'no message lost');
  assert.equal(duplicateFires, 0, 'no message fired twice (one idempotency key per message)');
  assert.equal(new Set(all.map((s) => s.id)).size, CRASH_MESSAGES, 'one event per message');
});
