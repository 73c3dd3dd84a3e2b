// The ingress's coalescing of events into `event` signals, through a port app (fastify inject):
// the signal sender is a recorder the test can hold open or fail, standing in for Temporal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPortApp } from '../../../src/ingress/port-app.js';
import { buildRouteTable } from '../../../src/ingress/route-table.js';
import { dispatchDrafts } from '../../../src/ingress/dispatch.js';
import { SignalBatcher, type SignalBatcherOptions } from '../../../src/delivery/signal-batcher.js';
import { MAX_EVENT_BYTES, MAX_EVENT_NESTING } from '../../../src/delivery/event-limits.js';
import type { CloudEvent } from '../../../src/engine/cloudevent.js';
import type { EventSourceManifest } from '../../../src/vocabulary/manifest-types.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';

const PORT = 12001;
const SENSOR = 'sensor:default/s';

interface Signal {
  workflowId: string;
  events: CloudEvent[];
  release: () => void;
  fail: (e: Error) => void;
}

/** A port app whose signals wait until the test releases (or fails) them. */
function harness(batching: SignalBatcherOptions = {}, maxPayloadSize?: number) {
  const manifest = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'hooks' },
    spec: {
      webhook: {
        ev: {
          port: String(PORT),
          endpoint: '/in',
          method: 'POST',
          ...(maxPayloadSize ? { maxPayloadSize } : {}),
        },
      },
    },
  } as EventSourceManifest;
  const table = buildRouteTable([manifest]);
  const signals: Signal[] = [];
  let autoRelease = false;
  const batcher = new SignalBatcher(
    (workflowId, events) =>
      new Promise<void>((resolve, reject) => {
        signals.push({ workflowId, events, release: resolve, fail: reject });
        if (autoRelease) resolve();
      }),
    batching,
  );
  const app = buildPortApp({
    port: PORT,
    bodyLimit: maxPayloadSize ?? 1024 * 1024,
    lookup: (path) => table.byPort.get(PORT)?.get(path),
    services: { secrets: createSecretStore({ env: {}, dir: '/nonexistent' }) },
    dispatch: (route, drafts, receivedAt) =>
      dispatchDrafts(
        { batcher, subscribers: async () => [SENSOR], log: () => undefined },
        route,
        drafts,
        receivedAt,
      ),
  });
  const post = (body: unknown) =>
    app.inject({
      method: 'POST',
      url: '/in',
      payload: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  return { app, signals, batcher, post, setAutoRelease: (v: boolean) => (autoRelease = v) };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

const bodyOf = (e: CloudEvent) => (e.data as { body: { n: number } }).body.n;

test('an idle Sensor gets the event at once, as a signal of its own', async () => {
  const h = harness();
  const res = h.post({ n: 1 });
  await until(() => h.signals.length === 1, 'the signal');
  assert.deepEqual(h.signals[0]!.events.map(bodyOf), [1]);
  h.signals[0]!.release();
  assert.equal((await res).statusCode, 200);
});

test('requests arriving while a signal is in flight share the next signal, each answered only after it', async () => {
  const h = harness();
  let answered = 0;
  const first = h.post({ n: 0 }).then((r) => (answered++, r));
  await until(() => h.signals.length === 1, 'the first signal');
  const rest = Array.from({ length: 9 }, (_, i) => h.post({ n: i + 1 }).then((r) => (answered++, r)));
  // Give the nine requests time to reach the batcher: none may be answered, none signalled yet.
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(h.signals.length, 1);
  assert.equal(answered, 0);
  h.signals[0]!.release();
  assert.equal((await first).statusCode, 200);
  await until(() => h.signals.length === 2, 'the coalesced signal');
  assert.deepEqual(
    h.signals[1]!.events.map(bodyOf).sort((a, b) => a - b),
    [1, 2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.equal(h.signals[1]!.workflowId, SENSOR);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(answered, 1, 'no request of the second batch answered before its signal was accepted');
  h.signals[1]!.release();
  for (const r of await Promise.all(rest)) assert.equal(r.statusCode, 200);
  assert.equal(h.batcher.signalsSent, 2);
});

test('a failing signal answers 5xx to every request of its batch and only to those', async () => {
  const h = harness();
  const first = h.post({ n: 0 });
  await until(() => h.signals.length === 1, 'the first signal');
  const batch = Array.from({ length: 4 }, (_, i) => h.post({ n: i + 1 }));
  await new Promise((r) => setTimeout(r, 100));
  h.signals[0]!.release();
  await until(() => h.signals.length === 2, 'the coalesced signal');
  assert.equal(h.signals[1]!.events.length, 4);
  const after = h.post({ n: 5 });
  await new Promise((r) => setTimeout(r, 50));
  h.signals[1]!.fail(new Error('exceeded workflow execution limit for signal events'));
  assert.equal((await first).statusCode, 200);
  for (const r of await Promise.all(batch)) {
    assert.equal(r.statusCode, 503);
    assert.equal(r.json().code, 'EVT_ERR_INGRESS_DELIVERY_FAILED');
  }
  await until(() => h.signals.length === 3, 'the signal after the failure');
  h.signals[2]!.release();
  assert.equal((await after).statusCode, 200);
});

test('a batch holds at most maxEvents events; the rest follow in order', async () => {
  const h = harness({ maxEvents: 3 });
  const first = h.post({ n: 0 });
  await until(() => h.signals.length === 1, 'the first signal');
  h.setAutoRelease(true);
  const rest: ReturnType<typeof h.post>[] = [];
  for (let i = 1; i <= 8; i++) {
    rest.push(h.post({ n: i }));
  }
  await new Promise((r) => setTimeout(r, 100));
  h.signals[0]!.release();
  for (const r of await Promise.all([first, ...rest])) assert.equal(r.statusCode, 200);
  const sizes = h.signals.map((s) => s.events.length);
  assert.ok(
    sizes.every((n) => n <= 3),
    `batch sizes ${sizes.join(',')}`,
  );
  assert.deepEqual(
    h.signals.flatMap((s) => s.events.map(bodyOf)).sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7, 8],
  );
  assert.ok(h.signals.length >= 4 && h.signals.length < 9, `${h.signals.length} signals`);
});

test('a batch holds at most maxBytes bytes; an event larger than that travels alone', async () => {
  const sent: number[][] = [];
  const batcher = new SignalBatcher(
    async (_id, events) => {
      sent.push(events.map((e) => e.data as number));
      await new Promise((r) => setTimeout(r, 5));
    },
    { maxBytes: 250 },
  );
  const ev = (n: number): CloudEvent => ({ id: `e${n}`, source: 's', data: n });
  // Each event serialises to ~40 bytes; the big one is over the bound on its own.
  const big: CloudEvent = { id: 'big', source: 's', data: 99, pad: 'x'.repeat(400) };
  const all = [ev(0), ev(1), ev(2), ev(3), ev(4), ev(5), ev(6), big, ev(7), ev(8)];
  await Promise.all(all.map((e) => batcher.submit('wf', e)));
  assert.deepEqual(sent.flat(), [0, 1, 2, 3, 4, 5, 6, 99, 7, 8], 'order is kept');
  for (const batch of sent) {
    const bytes = batch.reduce(
      (n, d) => n + Buffer.byteLength(JSON.stringify(all.find((e) => e.data === d))),
      0,
    );
    assert.ok(batch.length === 1 || bytes <= 250, `batch ${batch.join(',')} is ${bytes} bytes`);
  }
  assert.ok(
    sent.some((b) => b.length === 1 && b[0] === 99),
    'the big event went alone',
  );
  assert.ok(sent.length < all.length, 'events were coalesced');
});

test('events for different Sensors never share a signal', async () => {
  const sent: { id: string; n: number }[] = [];
  const batcher = new SignalBatcher(async (id, events) => {
    sent.push({ id, n: events.length });
  });
  await Promise.all(
    ['a', 'b', 'a', 'b', 'a'].map((id, i) => batcher.submit(id, { id: `e${i}`, source: 's' })),
  );
  assert.equal(
    sent.filter((s) => s.id === 'a').reduce((n, s) => n + s.n, 0),
    3,
  );
  assert.equal(
    sent.filter((s) => s.id === 'b').reduce((n, s) => n + s.n, 0),
    2,
  );
});

test(`JSON nested deeper than ${MAX_EVENT_NESTING} levels is refused with 400 naming the limit, before any signal`, async () => {
  const h = harness();
  const depth = MAX_EVENT_NESTING + 500;
  const res = await h.post('['.repeat(depth) + ']'.repeat(depth));
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().code, 'EVT_ERR_INGRESS_EVENT_TOO_DEEP');
  assert.match(res.json().message, new RegExp(`deeper than ${MAX_EVENT_NESTING} levels`));
  assert.equal(h.signals.length, 0);
  // Just under the limit still goes through.
  h.setAutoRelease(true);
  const ok = MAX_EVENT_NESTING - 5;
  assert.equal((await h.post('['.repeat(ok) + ']'.repeat(ok))).statusCode, 200);
});

test('an event too large for a Sensor to hold is refused with 413 naming the limit and maxPayloadSize', async () => {
  const h = harness({}, 4 * 1024 * 1024);
  const res = await h.post({ blob: 'x'.repeat(MAX_EVENT_BYTES + 1000) });
  assert.equal(res.statusCode, 413);
  assert.equal(res.json().code, 'EVT_ERR_INGRESS_EVENT_TOO_LARGE');
  assert.match(res.json().message, new RegExp(`${MAX_EVENT_BYTES}-byte limit`));
  assert.match(res.json().message, /maxPayloadSize/);
  assert.equal(h.signals.length, 0);
});
