// An nsq EventSource end to end on real nsqd + nsqlookupd: messages published through nsqd's HTTP
// API reach a Sensor with Argo's payload ({body, timestamp, nsqdAddress, metadata}), a data filter
// and a body.<field> parameter apply, and each message fires once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { nsqMissing, startNsq, type Nsq } from '../support/servers/nsq.js';
import { waitFor } from '../support/wait-for.js';

const skip = nsqMissing();
let broker: Nsq;
let e: RunningEventide;
let capture: CaptureServer;

interface Seen {
  id: string;
  n: string;
  nsqdAddress: string;
  timestamp: string;
  team: string;
}
const seen = (): Seen[] => capture.requests.map((r) => JSON.parse(r.body) as Seen);

async function publish(body: unknown): Promise<void> {
  const r = await fetch(`http://${broker.nsqdHttp}/pub?topic=orders`, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(r.status, 200, await r.text());
}

before(async () => {
  if (skip) return;
  broker = await startNsq();
  capture = await startCaptureServer();
  // The topic must exist (and be registered with lookupd) before the reader looks it up.
  await fetch(`http://${broker.nsqdHttp}/topic/create?topic=orders`, { method: 'POST' });
  await fetch(`http://${broker.nsqdHttp}/channel/create?topic=orders&channel=eventide`, { method: 'POST' });
  e = await startTestEventide({
    ingress: false,
    manifests: validManifests(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'nsq' },
        spec: { nsq: { orders: { hostAddress: broker.lookupdHttp, topic: 'orders', channel: 'eventide', jsonBody: true, metadata: { team: 'ops' } } } },
      },
      sensor('nsq-orders', {
        dependencies: [
          { name: 'o', eventSourceName: 'nsq', eventName: 'orders', filters: { data: [{ path: 'body.kind', type: 'string', value: ['order'] }] } },
        ],
        triggers: [
          {
            template: {
              name: 'capture',
              http: {
                url: `${capture.url}/o`,
                method: 'POST',
                payload: [
                  { src: { dependencyName: 'o', contextKey: 'id' }, dest: 'id' },
                  { src: { dependencyName: 'o', dataKey: 'body.n' }, dest: 'n' },
                  { src: { dependencyName: 'o', dataKey: 'nsqdAddress' }, dest: 'nsqdAddress' },
                  { src: { dependencyName: 'o', dataKey: 'timestamp' }, dest: 'timestamp' },
                  { src: { dependencyName: 'o', dataKey: 'metadata.team' }, dest: 'team' },
                ],
              },
            },
          },
        ],
      }),
    ),
  });
});

after(async () => {
  await e?.stop();
  await capture?.close();
  await broker?.stop();
});

test('messages reach the Sensor with Argo’s payload; the data filter drops the rest', { skip, timeout: 90_000 }, async () => {
  // The channel exists, so messages published before the reader connects wait for it.
  await publish({ kind: 'refund', n: 'filtered' });
  for (let i = 0; i < 10; i++) await publish({ kind: 'order', n: `o-${i}` });
  await waitFor(() => seen().length >= 10, { timeoutMs: 60_000, what: 'ten orders' });
  const first = seen().find((s) => s.n === 'o-0');
  assert.ok(first, 'o-0 fired');
  assert.equal(first.nsqdAddress, `127.0.0.1:${broker.nsqdTcpPort}`);
  assert.equal(first.team, 'ops');
  assert.match(first.timestamp, /^\d+$/);
  assert.match(first.id, /^nsq:orders\/eventide\/[0-9a-f]+$/);
  await new Promise((r) => setTimeout(r, 500));
  const all = seen();
  assert.ok(!all.some((s) => s.n === 'filtered'), 'the data filter dropped kind=refund');
  assert.equal(new Set(all.map((s) => s.n)).size, all.length, 'each message fired once');
});
