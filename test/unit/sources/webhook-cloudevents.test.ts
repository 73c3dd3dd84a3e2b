// CloudEvents sent to a webhook by the official SDK (binary, structured, batch), and plain
// requests with an Idempotency-Key: what each event keeps (id, type, time, extensions) and
// what is refused. Through a port app (fastify inject) and the ingress's own CloudEvent builder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudEvent as SdkEvent, HTTP } from 'cloudevents';
import { buildPortApp } from '../../../src/ingress/port-app.js';
import { buildRouteTable } from '../../../src/ingress/route-table.js';
import { toCloudEvent } from '../../../src/delivery/deliver.js';
import type { EventSourceManifest } from '../../../src/vocabulary/manifest-types.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';
import type { CloudEvent } from '../../../src/engine/cloudevent.js';

const PORT = 12001;

function appFor() {
  const manifest = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'hooks', namespace: 'ops' },
    spec: { webhook: { ev: { port: String(PORT), endpoint: '/in', method: 'POST' } } },
  } as EventSourceManifest;
  const table = buildRouteTable([manifest]);
  const events: CloudEvent[] = [];
  const app = buildPortApp({
    port: PORT,
    bodyLimit: 1024 * 1024,
    lookup: (path) => table.byPort.get(PORT)?.get(path),
    services: { secrets: createSecretStore({ env: {}, dir: '/nonexistent' }) },
    dispatch: async (route, drafts, receivedAt) => {
      const ces = drafts.map((d) => toCloudEvent(route, d, receivedAt));
      events.push(...ces);
      return { ok: true, ids: ces.map((e) => e.id), sensors: 1 };
    },
  });
  return { app, events };
}

const sample = () =>
  new SdkEvent({
    id: 'A234-1234-1234',
    source: '/orders/eu',
    type: 'com.example.order.created',
    subject: 'order-7',
    time: '2026-04-05T17:31:00.000Z',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    tenant: 'acme',
    data: { order: 7 },
  });

test('binary mode: the sender id (scoped), type, time and extensions are kept; data stays Argo-shaped', async () => {
  const { app, events } = appFor();
  const msg = HTTP.binary(sample());
  const res = await app.inject({
    method: 'POST',
    url: '/in',
    headers: msg.headers as Record<string, string>,
    payload: msg.body as string,
  });
  assert.equal(res.statusCode, 200, res.body);
  const e = events[0]!;
  assert.equal(e.id, 'ops/hooks/ev:ce:/orders/eu#A234-1234-1234');
  assert.equal(e.source, 'hooks', 'routing source stays the EventSource');
  assert.equal(e.subject, 'ev', 'routing subject stays the event name');
  assert.equal(e.type, 'com.example.order.created');
  assert.equal(e.time, '2026-04-05T17:31:00.000Z');
  assert.equal(e.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  assert.equal(e.tenant, 'acme');
  assert.equal(e.senderid, 'A234-1234-1234');
  assert.equal(e.sendersource, '/orders/eu');
  assert.equal(e.sendersubject, 'order-7');
  const data = e.data as { body: unknown; header: Record<string, string[]> };
  assert.deepEqual(data.body, { order: 7 });
  assert.deepEqual(data.header['Ce-Id'], ['A234-1234-1234']);
});

test('structured mode: the same context; the body is the envelope, as Argo passes it', async () => {
  const { app, events } = appFor();
  const msg = HTTP.structured(sample());
  const res = await app.inject({
    method: 'POST',
    url: '/in',
    headers: msg.headers as Record<string, string>,
    payload: msg.body as string,
  });
  assert.equal(res.statusCode, 200, res.body);
  const e = events[0]!;
  assert.equal(e.id, 'ops/hooks/ev:ce:/orders/eu#A234-1234-1234');
  assert.equal(e.type, 'com.example.order.created');
  assert.equal(e.tenant, 'acme');
  assert.equal((e.data as { body: { data: unknown; id: string } }).body.id, 'A234-1234-1234');
  assert.deepEqual((e.data as { body: { data: unknown } }).body.data, { order: 7 });
});

test('the same CloudEvent sent twice gets the same event id (Sensors dedupe by it); another source does not collide', async () => {
  const { app, events } = appFor();
  for (const ev of [sample(), sample(), sample().cloneWith({ source: '/orders/us' })]) {
    const msg = HTTP.binary(ev);
    await app.inject({
      method: 'POST',
      url: '/in',
      headers: msg.headers as Record<string, string>,
      payload: msg.body as string,
    });
  }
  assert.equal(events.length, 3);
  assert.equal(events[0]!.id, events[1]!.id);
  assert.notEqual(events[0]!.id, events[2]!.id);
});

test('batch mode: one event per CloudEvent, each with its own id and envelope', async () => {
  const { app, events } = appFor();
  const batch = [sample(), sample().cloneWith({ id: 'B-2', type: 'com.example.order.paid' })];
  const res = await app.inject({
    method: 'POST',
    url: '/in',
    headers: { 'content-type': 'application/cloudevents-batch+json' },
    payload: JSON.stringify(batch),
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(
    events.map((e) => [e.id, e.type]),
    [
      ['ops/hooks/ev:ce:/orders/eu#A234-1234-1234', 'com.example.order.created'],
      ['ops/hooks/ev:ce:/orders/eu#B-2', 'com.example.order.paid'],
    ],
  );
  assert.equal((events[1]!.data as { body: { id: string } }).body.id, 'B-2');
});

test('an invalid CloudEvent is refused with 400 saying which attribute is wrong; nothing is delivered', async () => {
  const { app, events } = appFor();
  const res = await app.inject({
    method: 'POST',
    url: '/in',
    headers: { 'content-type': 'application/cloudevents+json' },
    payload: JSON.stringify({ specversion: '1.0', id: 'x', type: 't' }),
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.json().message, /invalid CloudEvent \(structured mode\).*source/);
  const batch = await app.inject({
    method: 'POST',
    url: '/in',
    headers: { 'content-type': 'application/cloudevents-batch+json' },
    payload: JSON.stringify([{ specversion: '1.0', id: 'x', type: 't', source: '/s' }, 'nope']),
  });
  assert.equal(batch.statusCode, 400);
  assert.match(batch.json().message, /entry 1/);
  assert.equal(events.length, 0);
});

test('a plain request with Idempotency-Key (else X-Request-Id) gets an id from it; without, a random one', async () => {
  const { app, events } = appFor();
  const post = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/in',
      headers: { 'content-type': 'application/json', ...headers },
      payload: '{}',
    });
  await post({ 'idempotency-key': 'k-1' });
  await post({ 'idempotency-key': 'k-1' });
  await post({
    'x-request-id': 'r-9',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01',
  });
  await post({});
  await post({});
  assert.equal(events[0]!.id, 'ops/hooks/ev:k-1');
  assert.equal(events[1]!.id, 'ops/hooks/ev:k-1');
  assert.equal(events[2]!.id, 'ops/hooks/ev:r-9');
  assert.equal(events[2]!.traceparent, '00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01');
  assert.equal(events[2]!.type, 'webhook');
  assert.notEqual(events[3]!.id, events[4]!.id);
});
