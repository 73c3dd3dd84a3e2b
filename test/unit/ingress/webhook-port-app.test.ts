// The webhook EventSource through a port app (fastify inject, no Temporal): what a Sensor would
// receive for each kind of request, and every refusal with its status and code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPortApp } from '../../../src/ingress/port-app.js';
import { buildRouteTable } from '../../../src/ingress/route-table.js';
import type { EventSourceManifest } from '../../../src/vocabulary/manifest-types.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';
import type { EventDraft } from '../../../src/sources/source-type.js';
import { MASKED_AUTH } from '../../../src/sources/webhook/webhook-source.js';

const PORT = 12000;

function appFor(events: Record<string, Record<string, unknown>>, dispatchOk = true) {
  const manifest = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'hooks' },
    spec: { webhook: events },
  } as EventSourceManifest;
  const table = buildRouteTable([manifest]);
  const drafts: EventDraft[] = [];
  const logged: Record<string, unknown>[] = [];
  const app = buildPortApp({
    port: PORT,
    bodyLimit: 1024 * 1024,
    lookup: (path) => table.byPort.get(PORT)?.get(path),
    services: {
      secrets: createSecretStore({ env: { EVENTIDE_SECRET_TOKEN_BEARER: 'sesame' }, dir: '/nonexistent' }),
    },
    dispatch: async (_route, ds) => {
      if (!dispatchOk)
        return { ok: false, status: 503, code: 'EVT_ERR_INGRESS_DELIVERY_FAILED', message: 'retry' };
      drafts.push(...ds);
      return { ok: true, ids: ds.map((_, i) => `id-${i}`), sensors: 1 };
    },
    log: (msg, fields) => logged.push({ msg, ...fields }),
  });
  return { app, drafts, logged };
}

const base = { port: String(PORT), endpoint: '/in', method: 'POST' };

test('a JSON POST becomes {header, body, metadata} with header values as lists', async () => {
  const { app, drafts } = appFor({ ev: { ...base, metadata: { team: 'ops' } } });
  const res = await app.inject({
    method: 'POST',
    url: '/in',
    payload: '{"a":[1,2]}',
    headers: { 'content-type': 'application/json', 'x-trace': 'abc' },
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'accepted', events: ['id-0'], sensors: 1 });
  const data = drafts[0]!.data as { header: Record<string, string[]>; body: unknown; metadata: unknown };
  assert.deepEqual(data.body, { a: [1, 2] });
  assert.deepEqual(data.metadata, { team: 'ops' });
  assert.deepEqual(data.header['X-Trace'], ['abc']);
  assert.deepEqual(data.header['Content-Type'], ['application/json']);
});

test('GET turns the query into the body, every value in a list', async () => {
  const { app, drafts } = appFor({ ev: { ...base, method: 'GET' } });
  const res = await app.inject({ method: 'GET', url: '/in?x=1&x=2&y=z' });
  assert.equal(res.statusCode, 200);
  assert.deepEqual((drafts[0]!.data as { body: unknown }).body, { x: ['1', '2'], y: ['z'] });
});

test('a form post is parsed into lists of values', async () => {
  const { app, drafts } = appFor({ ev: base });
  const res = await app.inject({
    method: 'POST',
    url: '/in',
    payload: 'a=1&b=two+words&a=3',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.statusCode, 200);
  assert.deepEqual((drafts[0]!.data as { body: unknown }).body, { a: ['1', '3'], b: ['two words'] });
});

test('text bodies stay text; JSON that is not JSON is refused with 400', async () => {
  const { app, drafts } = appFor({ ev: base });
  const text = await app.inject({
    method: 'POST',
    url: '/in',
    payload: 'hello',
    headers: { 'content-type': 'text/plain' },
  });
  assert.equal(text.statusCode, 200);
  assert.equal((drafts[0]!.data as { body: unknown }).body, 'hello');
  const bad = await app.inject({
    method: 'POST',
    url: '/in',
    payload: '{nope',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().code, 'EVT_ERR_INGRESS_BAD_BODY');
  assert.equal(drafts.length, 1);
});

test('the bearer token is checked and then masked in the event', async () => {
  const { app, drafts, logged } = appFor({ ev: { ...base, authSecret: { name: 'token', key: 'bearer' } } });
  const missing = await app.inject({
    method: 'POST',
    url: '/in',
    payload: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(missing.statusCode, 401);
  const wrong = await app.inject({
    method: 'POST',
    url: '/in',
    payload: '{}',
    headers: { 'content-type': 'application/json', authorization: 'Bearer open' },
  });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().code, 'EVT_ERR_INGRESS_UNAUTHORIZED');
  assert.ok(
    logged.some((l) => l.msg === 'request refused' && l.status === 401),
    'refusals are logged',
  );
  assert.ok(!JSON.stringify(logged).includes('sesame'), 'the token is never logged');
  const ok = await app.inject({
    method: 'POST',
    url: '/in',
    payload: '{}',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sesame' },
  });
  assert.equal(ok.statusCode, 200);
  const header = (drafts[0]!.data as { header: Record<string, string[]> }).header;
  assert.deepEqual(header.Authorization, [MASKED_AUTH]);
});

test('refusals: unknown path 404, wrong method 400, over maxPayloadSize 413, health OK', async () => {
  const { app } = appFor({ ev: { ...base, maxPayloadSize: 10 } });
  assert.equal(
    (await app.inject({ method: 'POST', url: '/other', payload: '{}' })).json().code,
    'EVT_ERR_INGRESS_ROUTE_NOT_FOUND',
  );
  const method = await app.inject({
    method: 'PUT',
    url: '/in',
    payload: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(method.statusCode, 400);
  assert.equal(method.json().code, 'EVT_ERR_INGRESS_METHOD_MISMATCH');
  const big = await app.inject({
    method: 'POST',
    url: '/in',
    payload: '{"x":"0123456789"}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(big.statusCode, 413);
  assert.equal(big.json().code, 'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE');
  const health = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(health.statusCode, 200);
  assert.equal(health.body, 'OK');
});

test('when delivery fails the sender gets the 5xx, so it retries', async () => {
  const { app } = appFor({ ev: base }, false);
  const res = await app.inject({
    method: 'POST',
    url: '/in',
    payload: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.statusCode, 503);
  assert.equal(res.json().code, 'EVT_ERR_INGRESS_DELIVERY_FAILED');
});

test('an EventSource filter.expression decides before anything is signaled', async () => {
  const { routeFilterVerdict } = await import('../../../src/ingress/route-filter.js');
  const table = buildRouteTable([
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'EventSource',
      metadata: { name: 'hooks' },
      spec: {
        webhook: { ev: { ...base, filter: { expression: 'body.amount > 100 && body.currency == "EUR"' } } },
      },
    } as EventSourceManifest,
  ]);
  const route = table.byPort.get(PORT)!.get('/in')!;
  assert.equal(routeFilterVerdict(route, { header: {}, body: { amount: 150, currency: 'EUR' } }).pass, true);
  const no = routeFilterVerdict(route, { header: {}, body: { amount: 50, currency: 'EUR' } });
  assert.equal(no.pass, false);
  assert.match(no.reason!, /is false/);
  const broken = routeFilterVerdict(route, { header: {}, body: 'text' });
  assert.equal(broken.pass, false, 'an expression that cannot evaluate drops the event, as in Argo');
});
