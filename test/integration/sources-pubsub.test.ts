// The pubSub EventSource on Google's own in-memory fake (pstest), with the worker in a child
// process: Argo's payload ({id, body, attributes, publishTime, metadata}), a data filter and a
// body parameter reach an http trigger, the listener creating the missing topic and subscription
// as Argo does; and a kill -9 of the worker mid-stream loses no message and fires none twice.
// The client finds the fake through PUBSUB_EMULATOR_HOST, with METADATA_SERVER_DETECTION=none.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PubSub } from '@google-cloud/pubsub';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, sensorDecisions, startTestEventide, validManifests } from '../support/eventide.js';
import { pstestMissing, startPstest, type Pstest } from '../support/servers/pstest.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { waitFor } from '../support/wait-for.js';

const missing = pstestMissing();
const PROJECT = 'eventide-test';
// CI runs the whole suite in one budget: 1,000 by default, EVENTIDE_PUBSUB_CRASH_MESSAGES for more.
const CRASH_MESSAGES = Number(process.env.EVENTIDE_PUBSUB_CRASH_MESSAGES ?? 1000);

function post(capture: CaptureServer, path: string, payload: { src: Record<string, string>; dest: string }[]) {
  return { http: { url: `${capture.url}${path}`, method: 'POST', payload } };
}

describe('pubSub source on pstest', { skip: missing }, () => {
  let fake: Pstest;
  let e: RunningEventide;
  let capture: CaptureServer;
  let client: PubSub;
  const workers: WorkerProcess[] = [];
  const startWorker = () => {
    const w = startWorkerProcess(e.address, { ...fake.env, EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(w);
    return w;
  };
  const at = (path: string) => capture.requests.filter((r) => r.url === path).map((r) => ({ ...r, json: JSON.parse(r.body) }));

  before(async () => {
    fake = await startPstest();
    Object.assign(process.env, fake.env);
    const { PubSub } = await import('@google-cloud/pubsub');
    client = new PubSub({ projectId: PROJECT });
    // bulk: an existing topic and subscription (Argo verifies the subscription's topic)
    const [topic] = await client.createTopic('bulk');
    await topic.createSubscription('bulk-sub');
    capture = await startCaptureServer();
    e = await startTestEventide({
      worker: false,
      ingress: false,
      sensorOptions: { triggerTimeoutMs: 5000 },
      manifests: validManifests(
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'EventSource',
          metadata: { name: 'gcp' },
          spec: {
            pubSub: {
              // neither exists yet: the listener creates both, as Argo does
              orders: { projectID: PROJECT, topic: 'orders', subscriptionID: 'orders-sub', jsonBody: true, metadata: { team: 'shop' } },
              bulk: { projectID: PROJECT, topic: 'bulk', subscriptionID: 'bulk-sub' },
            },
          },
        },
        sensor('orders', {
          dependencies: [
            { name: 'o', eventSourceName: 'gcp', eventName: 'orders', filters: { data: [{ path: 'body.kind', type: 'string', value: ['keep'] }] } },
          ],
          triggers: [
            {
              template: {
                name: 'record',
                ...post(capture, '/orders', [
                  { src: { dependencyName: 'o', dataKey: 'body.name' }, dest: 'name' },
                  { src: { dependencyName: 'o', dataKey: 'id' }, dest: 'messageId' },
                  { src: { dependencyName: 'o', dataKey: 'attributes.origin' }, dest: 'origin' },
                  { src: { dependencyName: 'o', dataKey: 'publishTime' }, dest: 'publishTime' },
                  { src: { dependencyName: 'o', dataKey: 'metadata.team' }, dest: 'team' },
                  { src: { dependencyName: 'o', contextKey: 'id' }, dest: 'id' },
                ]),
              },
            },
          ],
        }),
        sensor('bulk', {
          dependencies: [{ name: 'b', eventSourceName: 'gcp', eventName: 'bulk' }],
          triggers: [
            {
              template: {
                name: 'count',
                ...post(capture, '/bulk', [
                  { src: { dependencyName: 'b', contextKey: 'id' }, dest: 'id' },
                  { src: { dependencyName: 'b', dataKey: 'body' }, dest: 'body' },
                ]),
              },
            },
          ],
        }),
      ),
    });
    await startWorker().ready;
  });

  after(async () => {
    for (const w of workers) await w.kill();
    await e?.stop();
    await capture?.close();
    await client?.close();
    await fake?.stop();
  });

  test('Argo’s payload, a data filter and a body parameter; topic and subscription created', { timeout: 90_000 }, async () => {
    // messages published before the subscription exists go nowhere, as on the real service
    await waitFor(async () => (await client.subscription('orders-sub').exists())[0], {
      what: 'the listener to create orders-sub',
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    const [meta] = await client.subscription('orders-sub').getMetadata();
    assert.equal(meta.topic, `projects/${PROJECT}/topics/orders`);
    const topic = client.topic('orders');
    const send = (kind: string, name: string) =>
      topic.publishMessage({ data: Buffer.from(JSON.stringify({ kind, name })), attributes: { origin: 'web' } });
    const firstId = await send('keep', 'first');
    await send('skip', 'second');
    await send('keep', 'third');
    const got = await waitFor(() => (at('/orders').length >= 2 ? at('/orders') : undefined), {
      what: 'two kept orders',
      timeoutMs: 45_000,
    });
    assert.deepEqual(got.map((r) => r.json.name).sort(), ['first', 'third']);
    const first = got.find((r) => r.json.name === 'first')!.json;
    assert.deepEqual(first, { name: 'first', messageId: firstId, origin: 'web', team: 'shop', publishTime: first.publishTime, id: first.id });
    // Go's time.Time.String() of the publish time, as Argo writes it
    assert.match(first.publishTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC$/);
    const published = Date.parse(first.publishTime.replace(' ', 'T').replace(/(\.\d{3})\d*/, '$1').replace(' +0000 UTC', 'Z'));
    assert.ok(Math.abs(published - Date.now()) < 120_000, `publishTime ${first.publishTime} is about now`);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(at('/orders').length, 2, 'each kept message fired once');
  });

  test(`kill -9 of the worker mid-stream: ${CRASH_MESSAGES} messages, none lost, none fired twice`, { timeout: 600_000 }, async () => {
    const topic = client.topic('bulk', { batching: { maxMessages: 100, maxMilliseconds: 20 } });
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < CRASH_MESSAGES; i += 100) {
      const chunk = Array.from({ length: Math.min(100, CRASH_MESSAGES - i) }, (_, j) => topic.publishMessage({ data: Buffer.from(`m-${i + j}`) }));
      ids.push(...(await Promise.all(chunk)));
    }
    const sentMs = Date.now() - started;
    const bulk = () => at('/bulk');
    const progress = setInterval(() => console.log(`bulk: ${bulk().length} fired after ${Date.now() - started} ms`), 10_000);
    try {
      await waitFor(() => bulk().length >= CRASH_MESSAGES / 5, { what: 'a fifth consumed', timeoutMs: 180_000, intervalMs: 100 });
      const beforeKill = bulk().length;
      await workers[workers.length - 1]!.kill('SIGKILL');
      const killedAt = Date.now();
      await startWorker().ready;
      await waitFor(() => new Set(bulk().map((r) => r.json.body)).size >= CRASH_MESSAGES, {
        what: `all ${CRASH_MESSAGES} messages at the receiver`,
        timeoutMs: 500_000,
        intervalMs: 500,
      }).catch(async (err: unknown) => {
        // say where the missing ones are: never accepted by the Sensor, or failed to fire
        const decisions = await sensorDecisions(e, 'bulk').catch(() => []);
        const kinds: Record<string, number> = {};
        for (const d of decisions) {
          const k = d.kind + ('outcome' in d ? `:${d.outcome}` : '');
          kinds[k] = (kinds[k] ?? 0) + 1;
        }
        const failed = decisions.find((d) => d.kind === 'fire-failed' || (d.kind === 'result' && d.outcome === 'failed'));
        throw new Error(`${String(err)}; distinct bodies ${new Set(bulk().map((r) => r.json.body)).size}; decisions ${JSON.stringify(kinds)}; first failure ${JSON.stringify(failed)}`);
      });
      // let any redelivery of the last messages arrive before counting
      await new Promise((r) => setTimeout(r, 2000));
      const requests = bulk();
      const bodies = new Set(requests.map((r) => Buffer.from(String(r.json.body), 'base64').toString('utf8')));
      const expected = Array.from({ length: CRASH_MESSAGES }, (_, i) => `m-${i}`);
      assert.deepEqual(expected.filter((m) => !bodies.has(m)), [], 'no message lost');
      const keysById = new Map<string, Set<string>>();
      for (const r of requests) {
        const keys = keysById.get(r.json.id) ?? new Set<string>();
        keys.add(String(r.headers['idempotency-key']));
        keysById.set(r.json.id, keys);
      }
      const firedTwice = [...keysById].filter(([, keys]) => keys.size > 1).map(([id]) => id);
      assert.deepEqual(firedTwice, [], 'no message fired twice');
      assert.equal(keysById.size, CRASH_MESSAGES);
      assert.deepEqual(
        [...keysById.keys()].filter((id) => !ids.includes(id.slice(id.lastIndexOf('/') + 1))),
        [],
        'event ids carry the message ids',
      );
      console.log(
        JSON.stringify({
          messages: CRASH_MESSAGES,
          publishMs: sentMs,
          elapsedMs: Date.now() - started,
          firedBeforeKill: beforeKill,
          afterKillMs: Date.now() - killedAt,
          requests: requests.length,
          retriedRequests: requests.length - keysById.size,
          distinctEvents: keysById.size,
        }),
      );
    } finally {
      clearInterval(progress);
    }
  });
});
