// nats (core and JetStream), redis (pub/sub) and redisStream EventSources end to end against real
// servers: messages published with the brokers' own clients reach a Sensor whose http trigger
// posts to a capture server, with Argo's payload shapes, a data filter and body.<field>
// parameters; and for the no-ack brokers, what the README promises: messages published while no
// listener runs are lost.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, headers, type NatsConnection } from 'nats';
import { Redis } from 'ioredis';
import { applyResource, deleteResource } from '../../src/control/resources.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { natsMissing, startNats, type NatsServer } from '../support/servers/nats.js';
import { redisMissing, startRedis, type RedisServer } from '../support/servers/redis.js';

const skip = natsMissing() ?? redisMissing();

let e: RunningEventide;
let capture: CaptureServer;
let nats: NatsServer;
let redis: RedisServer;
let nc: NatsConnection;
let rc: Redis;

interface Seen {
  dep: string;
  id: string;
  where: string;
  amount: string;
  team: string;
  header: string;
}
const seen = (): Seen[] =>
  capture.requests.map((r) => ({ dep: r.url.slice(1), ...(JSON.parse(r.body) as Omit<Seen, 'dep'>) }));
const amounts = (dep: string) =>
  seen()
    .filter((s) => s.dep === dep)
    .map((s) => Number(s.amount));

function brokerSource() {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'brokers' },
    spec: {
      nats: {
        core: { url: nats.url, subject: 'orders.core', jsonBody: true, metadata: { team: 'ops' } },
        durable: { url: nats.url, subject: 'orders.js', jsonBody: true, jetStream: { stream: 'ORDERS' } },
      },
      redis: {
        pubsub: {
          hostAddress: redis.hostAddress,
          channels: ['orders'],
          jsonBody: true,
          metadata: { team: 'ops' },
        },
      },
      redisStream: {
        stream: {
          hostAddress: redis.hostAddress,
          streams: ['orders-stream'],
          consumerGroup: 'eventide-test',
        },
      },
    },
  };
}

/** dependency → [where the payload names the source, path of the order's fields] */
const DEPS: Record<string, [string, string]> = {
  core: ['subject', 'body'],
  durable: ['subject', 'body'],
  pubsub: ['channel', 'body'],
  stream: ['stream', 'values'],
};

before(async () => {
  if (skip) return;
  [nats, redis, capture] = await Promise.all([startNats(), startRedis(), startCaptureServer()]);
  nc = await connect({ servers: nats.url });
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: 'ORDERS', subjects: ['orders.js'] });
  rc = new Redis({ host: '127.0.0.1', port: redis.port });
  await rc.xadd('orders-stream', '*', 'kind', 'seed');
  e = await startTestEventide({
    ingress: false,
    manifests: validManifests(
      brokerSource(),
      sensor('broker-watch', {
        dependencies: Object.entries(DEPS).map(([d, [, body]]) => ({
          name: d,
          eventSourceName: 'brokers',
          eventName: d,
          filters: { data: [{ path: `${body}.kind`, type: 'string', value: ['order'] }] },
        })),
        triggers: Object.entries(DEPS).map(([d, [where, body]]) => ({
          template: {
            name: d,
            conditions: d,
            http: {
              url: `${capture.url}/${d}`,
              method: 'POST',
              payload: [
                { src: { dependencyName: d, contextKey: 'id' }, dest: 'id' },
                { src: { dependencyName: d, dataKey: where }, dest: 'where' },
                { src: { dependencyName: d, dataKey: `${body}.amount` }, dest: 'amount' },
                { src: { dependencyName: d, dataKey: 'metadata.team', value: '' }, dest: 'team' },
                { src: { dependencyName: d, dataKey: 'header.X-Order.0', value: '' }, dest: 'header' },
              ],
            },
          },
        })),
      }),
    ),
  });
});

after(async () => {
  await e?.stop();
  await nc?.close();
  rc?.disconnect();
  await Promise.all([nats?.stop(), redis?.stop(), capture?.close()]);
});

const order = (amount: number, kind = 'order') => JSON.stringify({ kind, amount });

function publish(dep: string, amount: number, kind = 'order'): Promise<unknown> {
  switch (dep) {
    case 'core': {
      const h = headers();
      h.set('X-Order', `o-${amount}`);
      nc.publish('orders.core', order(amount, kind), { headers: h });
      return nc.flush();
    }
    case 'durable':
      return nc.jetstream().publish('orders.js', order(amount, kind));
    case 'pubsub':
      return rc.publish('orders', order(amount, kind));
    default:
      return rc.xadd('orders-stream', '*', 'kind', kind, 'amount', String(amount));
  }
}

/** Publishes probes (amounts 1000+) until one arrives: the listener is subscribed from then on. */
async function untilListening(dep: string): Promise<void> {
  let n = 1000;
  await waitFor(
    async () => {
      await publish(dep, n++);
      return amounts(dep).some((a) => a >= 1000);
    },
    { intervalMs: 300, timeoutMs: 30_000, what: `the ${dep} listener to deliver a probe` },
  );
}

test(
  'each broker’s messages reach the Sensor with Argo’s payload, filtered, with body parameters',
  { skip, timeout: 90_000 },
  async () => {
    await Promise.all(Object.keys(DEPS).map(untilListening));
    for (const dep of Object.keys(DEPS)) {
      await publish(dep, 7, 'refund'); // filtered out by the dependency's data filter
      await publish(dep, 1);
      await publish(dep, 2);
    }
    await waitFor(() => Object.keys(DEPS).every((d) => amounts(d).includes(1) && amounts(d).includes(2)), {
      timeoutMs: 30_000,
      what: 'orders 1 and 2 on every dependency',
    });
    for (const dep of Object.keys(DEPS))
      assert.ok(!amounts(dep).includes(7), `${dep}: the refund was filtered out`);
    const one = (dep: string) => seen().find((s) => s.dep === dep && s.amount === '1')!;
    assert.deepEqual(
      { where: one('core').where, team: one('core').team, header: one('core').header },
      { where: 'orders.core', team: 'ops', header: 'o-1' },
      'nats: subject, metadata and the message header as Argo passes them',
    );
    assert.equal(one('durable').where, 'orders.js');
    assert.match(one('durable').id, /./);
    assert.deepEqual(
      { where: one('pubsub').where, team: one('pubsub').team },
      { where: 'orders', team: 'ops' },
    );
    assert.equal(one('stream').where, 'orders-stream');
    const js = seen().filter((s) => s.dep === 'durable');
    assert.equal(new Set(js.map((s) => s.amount)).size, js.length, 'JetStream: no message fired twice');
    // JetStream kept the probes published before its consumer existed: all of them arrived.
    const info = await (
      await nc.jetstreamManager()
    ).consumers.info('ORDERS', 'eventide-default-brokers-durable');
    assert.equal(info.num_ack_pending, 0, 'every JetStream message acked after delivery');
    assert.equal(
      await rc.xpending('orders-stream', 'eventide-test').then((r) => (r as unknown[])[0]),
      0,
      'every stream entry acked',
    );
  },
);

test(
  'core NATS and Redis pub/sub lose what is published while no listener runs; JetStream and Redis Streams do not',
  { skip, timeout: 90_000 },
  async () => {
    await deleteResource(e.client, 'EventSource', 'default', 'brokers');
    const handle = e.client.workflow.getHandle(
      (await import('../../src/vocabulary/eventsource-api.js')).eventSourceWorkflowId('default', 'brokers'),
    );
    await handle.result();
    for (const dep of Object.keys(DEPS)) for (const a of [501, 502, 503]) await publish(dep, a);
    const [updated] = validManifests(brokerSource());
    await applyResource(e.client, updated!, { taskQueue: e.taskQueue });
    let n = 2000;
    await waitFor(
      async () => {
        for (const dep of ['core', 'pubsub']) await publish(dep, n);
        n++;
        return ['core', 'pubsub'].every((d) => amounts(d).some((a) => a >= 2000));
      },
      { intervalMs: 300, timeoutMs: 30_000, what: 'core NATS and Redis pub/sub listening again' },
    );
    await waitFor(
      () => ['durable', 'stream'].every((d) => [501, 502, 503].every((a) => amounts(d).includes(a))),
      {
        timeoutMs: 30_000,
        what: 'JetStream and the Redis stream to deliver what was published meanwhile',
      },
    );
    const lost = {
      core: [501, 502, 503].filter((a) => !amounts('core').includes(a)).length,
      pubsub: [501, 502, 503].filter((a) => !amounts('pubsub').includes(a)).length,
    };
    console.log(JSON.stringify({ publishedWhileDown: 3, lost, kept: { durable: 3, stream: 3 } }));
    assert.deepEqual(
      lost,
      { core: 3, pubsub: 3 },
      'core NATS and Redis pub/sub keep nothing for an absent subscriber',
    );
  },
);
