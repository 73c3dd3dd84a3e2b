// kill -9 of the worker while a JetStream durable consumer and a Redis Streams consumer group are
// each consuming 5,000 messages; a new worker takes over. At the http trigger's receiver: every
// message fired (0 lost) and none fired twice (0 duplicates: one idempotency key per message),
// because entries are acked only after the Sensors accepted them and the event ids (stream
// sequence, stream entry id) dedupe what the killed worker had delivered but not acked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from 'nats';
import { Redis } from 'ioredis';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { natsMissing, startNats, type NatsServer } from '../support/servers/nats.js';
import { redisMissing, startRedis, type RedisServer } from '../support/servers/redis.js';

const skip = natsMissing() ?? redisMissing();
const MESSAGES = 5000;

let e: RunningEventide;
let capture: CaptureServer;
let nats: NatsServer;
let redis: RedisServer;
let nc: NatsConnection;
let rc: Redis;
const workers: WorkerProcess[] = [];

before(async () => {
  if (skip) return;
  [nats, redis, capture] = await Promise.all([startNats(), startRedis(), startCaptureServer()]);
  nc = await connect({ servers: nats.url });
  await (await nc.jetstreamManager()).streams.add({ name: 'CRASH', subjects: ['crash.orders'] });
  rc = new Redis({ host: '127.0.0.1', port: redis.port });
  await rc.xgroup('CREATE', 'crash-orders', 'crash-group', '$', 'MKSTREAM');
  e = await startTestEventide({
    worker: false,
    ingress: false,
    manifests: validManifests(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'crash' },
        spec: {
          nats: {
            js: {
              url: nats.url,
              subject: 'crash.orders',
              jsonBody: true,
              jetStream: { stream: 'CRASH', ackWait: '5s', batchSize: 100 },
            },
          },
          redisStream: {
            rs: {
              hostAddress: redis.hostAddress,
              streams: ['crash-orders'],
              consumerGroup: 'crash-group',
              maxMsgCountPerRead: 100,
            },
          },
        },
      },
      sensor('crash-sink', {
        dependencies: [
          { name: 'js', eventSourceName: 'crash', eventName: 'js' },
          { name: 'rs', eventSourceName: 'crash', eventName: 'rs' },
        ],
        triggers: (['js', 'rs'] as const).map((d) => ({
          template: {
            name: d,
            conditions: d,
            http: {
              url: `${capture.url}/${d}`,
              method: 'POST',
              payload: [
                { src: { dependencyName: d, dataKey: d === 'js' ? 'body.n' : 'values.n' }, dest: 'n' },
              ],
            },
          },
          retryStrategy: { steps: 10, duration: '500ms' },
        })),
      }),
    ),
  });
});

after(async () => {
  for (const w of workers) await w.kill();
  await e?.stop();
  await nc?.close();
  rc?.disconnect();
  await Promise.all([nats?.stop(), redis?.stop(), capture?.close()]);
});

/** Messages each consumer has acked so far (JetStream ack floor, Redis group reads minus pending). */
async function consumed(): Promise<{ js: number; rs: number }> {
  const c = await (
    await nc.jetstreamManager()
  ).consumers
    .info('CRASH', 'eventide-default-crash-js')
    .catch(() => undefined);
  const groups = (await rc.xinfo('GROUPS', 'crash-orders')) as unknown[][];
  const g = groups[0] ?? [];
  const field = (name: string) => Number(g[g.indexOf(name) + 1] ?? 0);
  return { js: c?.ack_floor.stream_seq ?? 0, rs: field('entries-read') - field('pending') };
}

function tally(dep: string) {
  const reqs = capture.requests.filter((r) => r.url === `/${dep}`);
  const keysByN = new Map<string, Set<string>>();
  for (const r of reqs) {
    const n = (JSON.parse(r.body) as { n: string }).n;
    const keys = keysByN.get(n) ?? new Set<string>();
    keys.add(String(r.headers['idempotency-key']));
    keysByN.set(n, keys);
  }
  const duplicates = [...keysByN.values()].filter((k) => k.size > 1).length;
  return { requests: reqs.length, distinct: keysByN.size, duplicates };
}

test(
  `kill -9 mid-stream: ${MESSAGES} JetStream and ${MESSAGES} Redis Streams messages, 0 lost, 0 fired twice`,
  { skip, timeout: 600_000 },
  async () => {
    const js = nc.jetstream();
    const pipeline = rc.pipeline();
    for (let n = 0; n < MESSAGES; n++) pipeline.xadd('crash-orders', '*', 'n', String(n));
    await pipeline.exec();
    for (let n = 0; n < MESSAGES; n += 500)
      await Promise.all(
        Array.from({ length: 500 }, (_, i) => js.publish('crash.orders', JSON.stringify({ n: n + i }))),
      );
    const started = Date.now();
    const first = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(first);
    await first.ready;
    // Kill while the listeners are consuming (acked by the brokers), not merely while triggers fire.
    await waitFor(
      async () => {
        const a = await consumed();
        return a.js >= 500 || a.rs >= 500 ? a : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 20, what: 'both consumers to be mid-stream' },
    );
    await first.kill('SIGKILL');
    const afterKill = await consumed();
    const progress = setInterval(
      () => console.log(JSON.stringify({ at: Date.now() - started, js: tally('js'), rs: tally('rs') })),
      30_000,
    );
    const second = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(second);
    await second.ready;
    try {
      await waitFor(() => tally('js').distinct >= MESSAGES && tally('rs').distinct >= MESSAGES, {
        timeoutMs: 400_000,
        intervalMs: 500,
        what: `all ${MESSAGES} messages of each stream at the receiver (now js ${tally('js').distinct}, rs ${tally('rs').distinct})`,
      });
    } finally {
      clearInterval(progress);
    }
    const elapsedMs = Date.now() - started;
    const consumer = await (await nc.jetstreamManager()).consumers.info('CRASH', 'eventide-default-crash-js');
    const pending = (await rc.xpending('crash-orders', 'crash-group')) as [number, ...unknown[]];
    const result = {
      messages: MESSAGES,
      elapsedMs,
      ackedAtKill: afterKill,
      jetStream: {
        ...tally('js'),
        lost: MESSAGES - tally('js').distinct,
        redeliveredByServer: consumer.num_redelivered,
        ackPending: consumer.num_ack_pending,
      },
      redisStream: { ...tally('rs'), lost: MESSAGES - tally('rs').distinct, pendingAfter: pending[0] },
    };
    console.log(JSON.stringify(result));
    assert.ok(
      afterKill.js < MESSAGES && afterKill.rs < MESSAGES,
      'the kill came while both were still consuming',
    );
    for (const [name, r] of [
      ['jetStream', result.jetStream],
      ['redisStream', result.redisStream],
    ] as const) {
      assert.equal(r.lost, 0, `${name}: no message lost`);
      assert.equal(r.duplicates, 0, `${name}: no message fired twice (one idempotency key per message)`);
    }
  },
);
