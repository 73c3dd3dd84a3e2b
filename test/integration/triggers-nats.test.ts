// The nats trigger against a real nats-server: what a real subscriber receives (payload built
// from parameters, trigger parameters applied to the subject, the idempotency key as
// Nats-Msg-Id), one connection per (url, auth) closed on shutdown, JetStream deduplicating a
// retried fire, and a Sensor whose first fires fail (no stream yet) and whose retry succeeds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from 'nats';
import { findTriggerType } from '../../activities/triggers/registry.js';
import {
  closeTriggerConnections,
  openTriggerConnectionCount,
} from '../../activities/triggers/trigger-connections.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { freePort } from '../../src/temporal/dev-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { natsMissing, startNats, type NatsServer } from '../support/servers/nats.js';
import { fireFor, requestFor } from '../unit/triggers/trigger-fixtures.js';

const skip = natsMissing();
let nats: NatsServer;
let nc: NatsConnection;

before(async () => {
  if (skip) return;
  nats = await startNats();
  nc = await connect({ servers: nats.url });
});

after(async () => {
  await closeTriggerConnections();
  await nc?.close();
  await nats?.stop();
});

function natsTrigger(extra: Record<string, unknown> = {}) {
  return {
    template: {
      name: 'publish',
      nats: {
        url: nats.url,
        subject: 'placeholder',
        payload: [
          { src: { dependencyName: 'test-dep', dataKey: 'body.order' }, dest: 'order' },
          { src: { dependencyName: 'test-dep', dataKey: 'body.amount' }, dest: 'amount' },
        ],
        parameters: [{ src: { dependencyName: 'test-dep', dataKey: 'body.region' }, dest: 'subject' }],
        ...extra,
      },
    },
    parameters: [],
  };
}

test(
  'a subscriber receives the payload, on the subject set by a parameter, with the key as Nats-Msg-Id',
  { skip, timeout: 30_000 },
  async () => {
    const sub = nc.subscribe('orders.eu', { max: 2, timeout: 10_000 });
    await nc.flush();
    const t = findTriggerType('nats')!;
    const trigger = natsTrigger();
    const fires = [1, 2].map((n) =>
      fireFor(trigger, { body: { order: `o-${n}`, amount: n, region: 'orders.eu' } }),
    );
    for (const f of fires) await t.run(requestFor(f));
    assert.equal(openTriggerConnectionCount(), 1, 'both fires shared one connection');
    const got: { data: unknown; key: string | undefined }[] = [];
    for await (const m of sub) got.push({ data: JSON.parse(m.string()), key: m.headers?.get('Nats-Msg-Id') });
    assert.deepEqual(got, [
      // Payload values are strings, as Argo's payload parameters make them.
      { data: { order: 'o-1', amount: '1' }, key: fires[0]!.idempotencyKey },
      { data: { order: 'o-2', amount: '2' }, key: fires[1]!.idempotencyKey },
    ]);
    await closeTriggerConnections();
    assert.equal(openTriggerConnectionCount(), 0);
  },
);

test('JetStream dedupes a retried fire by its Nats-Msg-Id', { skip, timeout: 30_000 }, async () => {
  const jsm = await nc.jetstreamManager();
  await jsm.streams.add({ name: 'DEDUPE', subjects: ['dedupe.>'] });
  const trigger = natsTrigger({ subject: 'dedupe.orders', parameters: [], jetStream: true });
  const fire = fireFor(trigger, { body: { order: 'o-9', amount: 9 } });
  const t = findTriggerType('nats')!;
  const first = (await t.run(requestFor(fire, { attempt: 1 }))) as { seq: number; duplicate: boolean };
  const retry = (await t.run(requestFor(fire, { attempt: 2 }))) as { seq: number; duplicate: boolean };
  assert.deepEqual([first.duplicate, retry.duplicate], [false, true]);
  assert.equal(retry.seq, first.seq, 'the retry is recognised as the stored message');
  const info = await jsm.streams.info('DEDUPE');
  console.log(JSON.stringify({ fires: 2, stored: info.state.messages }));
  assert.equal(info.state.messages, 1);
  const m = await jsm.streams.getMessage('DEDUPE', { seq: first.seq });
  assert.equal(m.header.get('Nats-Msg-Id'), fire.idempotencyKey);
  await closeTriggerConnections();
});

test(
  'a Sensor’s nats fire fails while no stream exists, and its retry succeeds once one does',
  { skip, timeout: 90_000 },
  async () => {
    const port = await freePort();
    let e: RunningEventide | undefined;
    try {
      e = await startTestEventide({
        manifests: validManifests(
          webhookEventSource('hooks', {
            orders: { port: String(port), endpoint: '/orders', method: 'POST' },
          }),
          sensor('to-nats', {
            dependencies: [{ name: 'test-dep', eventSourceName: 'hooks', eventName: 'orders' }],
            triggers: [
              {
                ...natsTrigger({ subject: 'late.orders', parameters: [], jetStream: true }),
                retryStrategy: { steps: 20, duration: '500ms', factor: 1 },
              },
            ],
          }),
        ),
      });
      await waitFor(
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ order: 'o-late', amount: 5 }),
          }).catch(() => undefined);
          return r?.status === 200;
        },
        { intervalMs: 300, what: 'the webhook to accept the event' },
      );
      await sleep(1500); // a few attempts fail: no stream captures late.orders yet
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: 'LATE', subjects: ['late.>'] });
      const info = await waitFor(
        async () => {
          const i = await jsm.streams.info('LATE');
          return i.state.messages > 0 ? i : undefined;
        },
        { timeoutMs: 30_000, what: 'the retried fire to be stored' },
      );
      await sleep(1000);
      assert.equal((await jsm.streams.info('LATE')).state.messages, 1, 'stored once');
      const m = await jsm.streams.getMessage('LATE', { seq: info.state.first_seq });
      assert.deepEqual(JSON.parse(new TextDecoder().decode(m.data)), { order: 'o-late', amount: '5' });
      assert.match(m.header.get('Nats-Msg-Id'), /./);
      const result = await waitFor(
        async () => (await sensorDecisions(e!, 'to-nats')).find((d) => d.kind === 'result'),
        { what: 'the fire result' },
      );
      assert.equal(result.kind === 'result' && result.outcome, 'succeeded');
      const attempts = result.kind === 'result' ? (result.attempts ?? 1) : 0;
      console.log(JSON.stringify({ attempts }));
      assert.ok(
        attempts > 1,
        `the first attempts failed (no stream), a retry succeeded: ${attempts} attempts`,
      );
    } finally {
      await e?.stop();
    }
  },
);
