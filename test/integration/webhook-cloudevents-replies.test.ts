// CloudEvents in and webhook replies, end to end on a real Temporal dev server: a CloudEvent
// resent by the official SDK fires once, an Idempotency-Key retry fires once, `?wait=decision`
// answers with what each Sensor decided, and a webhook without Sensors says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudEvent as SdkEvent, HTTP, emitterFor, httpTransport, Mode } from 'cloudevents';
import { freePort } from '../../src/temporal/dev-server.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { sleep, waitFor } from '../support/wait-for.js';

interface Reply {
  status: string;
  sensors: number;
  events: string[];
  message: string;
  decisions: {
    sensor: string;
    verdict: string;
    dependencies: { accepted: boolean; reason: string }[];
    fired: { trigger: string; fireId: string }[];
  }[];
}

describe('webhook CloudEvents and replies', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let port: number;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const notified = (id: string) => capture.requests.filter((r) => JSON.parse(r.body).orderId === id);

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    e = await startTestEventide({
      manifests: validManifests(
        webhookEventSource('shop', {
          orders: { port: String(port), endpoint: '/orders', method: 'POST' },
          orphan: { port: String(port), endpoint: '/orphan', method: 'POST' },
        }),
        sensor('big-orders', {
          dependencies: [
            {
              name: 'order',
              eventSourceName: 'shop',
              eventName: 'orders',
              filters: { data: [{ path: 'body.total', type: 'number', comparator: '>', value: ['10'] }] },
            },
          ],
          triggers: [
            {
              template: {
                name: 'notify',
                http: {
                  url: `${capture.url}/notify`,
                  method: 'POST',
                  payload: [{ src: { dependencyName: 'order', dataKey: 'body.id' }, dest: 'orderId' }],
                },
              },
            },
          ],
        }),
        sensor('all-orders', {
          dependencies: [{ name: 'o', eventSourceName: 'shop', eventName: 'orders' }],
          triggers: [{ template: { name: 'log', log: {} } }],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  test('a CloudEvent sent twice by the SDK fires once; its context keeps the sender attributes', async () => {
    const ev = new SdkEvent({
      id: 'ce-order-1',
      source: '/checkout',
      type: 'com.example.order',
      time: '2026-01-02T03:04:05Z',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      data: { id: 'ce-1', total: 99 },
    });
    const emit = emitterFor(httpTransport(url('/orders')), { mode: Mode.BINARY });
    await emit(ev);
    await waitFor(() => notified('ce-1').length === 1 || undefined, { what: 'the first fire' });
    // Both Sensors decided on the first send before the resend (all-orders only logs, so its
    // decision can come after big-orders' fire reached the receiver).
    await waitFor(
      async () => (await sensorDecisions(e, 'all-orders')).some((d) => d.kind === 'fired') || undefined,
      { what: 'all-orders to decide on the first send' },
    );
    // The resend, structured this time, waits for the decision: both Sensors saw a duplicate.
    const msg = HTTP.structured(ev);
    const res = await fetch(url('/orders?wait=decision'), {
      method: 'POST',
      headers: msg.headers as Record<string, string>,
      body: msg.body as string,
    });
    const body = (await res.json()) as Reply;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.status, 'decided');
    assert.deepEqual(body.decisions.map((d) => [d.sensor, d.verdict]).sort(), [
      ['default/all-orders', 'duplicate'],
      ['default/big-orders', 'duplicate'],
    ]);
    await sleep(500);
    assert.equal(notified('ce-1').length, 1, 'the resent CloudEvent must not fire again');
    const ds = await sensorDecisions(e, 'big-orders');
    const fired = ds.find(
      (d) => d.kind === 'fired' && d.events.order === 'default/shop/orders:ce:/checkout#ce-order-1',
    );
    assert.ok(fired, 'the fire names the scoped CloudEvent id');
  });

  test('?wait=decision returns each Sensor verdict with the filter reason and the id of what fired', async () => {
    const res = await fetch(url('/orders?wait=decision&waitTimeout=20s'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'small-1', total: 5 }),
    });
    const body = (await res.json()) as Reply;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.sensors, 2);
    const big = body.decisions.find((d) => d.sensor === 'default/big-orders');
    const all = body.decisions.find((d) => d.sensor === 'default/all-orders');
    assert.equal(big?.verdict, 'rejected');
    assert.equal(big.dependencies[0]?.accepted, false);
    assert.match(big.dependencies[0]?.reason ?? '', /total/);
    assert.equal(all?.verdict, 'fired');
    assert.equal(all.fired[0]?.trigger, 'log');
    assert.ok(all.fired[0]?.fireId);
  });

  test('a plain request retried with the same Idempotency-Key fires once', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url('/orders'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'retry-7' },
        body: JSON.stringify({ id: 'idem-7', total: 50 }),
      });
      const body = (await res.json()) as Reply;
      assert.deepEqual(body, { status: 'accepted', events: ['default/shop/orders:retry-7'], sensors: 2 });
    }
    await waitFor(() => notified('idem-7').length === 1 || undefined, { what: 'the fire' });
    await sleep(500);
    assert.equal(notified('idem-7').length, 1);
  });

  test('a webhook no Sensor subscribes to answers no-sensors, not accepted', async () => {
    const res = await fetch(url('/orphan'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await res.json()) as Reply;
    assert.equal(res.status, 200);
    assert.equal(body.status, 'no-sensors');
    assert.equal(body.sensors, 0);
    assert.equal(res.headers.get('eventide-sensors'), '0');
    assert.match(body.message, /no Sensor subscribes to shop\/orphan/);
  });
});
