// The dashboard's routes through fastify inject(), over a fixed DashboardSource: what each page
// shows, that every value is escaped, that secrets are masked and that only GET is served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDashboardApp } from '../../../src/dashboard/dashboard-app.js';
import type { DashboardSource, EventReport, SensorDetail } from '../../../src/dashboard/dashboard-model.js';
import type { SensorSpec } from '../../../src/vocabulary/manifest-types.js';
import { redactForDisplay } from '../../../src/dashboard/redact-for-display.js';
import { sensorGraph } from '../../../src/dashboard/sensor-graph.js';

const HOSTILE = '<script>alert(1)</script>';
const now = Date.now();

const spec: SensorSpec = {
  dependencies: [
    {
      name: 'order',
      eventSourceName: 'shop',
      eventName: 'orders',
      filters: { data: [{ path: 'body.amount', type: 'number', comparator: '>', value: ['100'] }] },
    },
    { name: 'refund', eventSourceName: 'shop', eventName: 'refunds' },
  ],
  triggers: [
    { template: { name: 'reconcile', conditions: 'order && refund', correlationWindow: '10m', log: {} } },
  ],
};

const detail: SensorDetail = {
  status: {
    namespace: 'default',
    name: 'pair',
    workflowId: 'sensor:default/pair',
    runId: 'run-1',
    since: new Date(now - 60_000),
    running: true,
    fires: 2,
    failures: 1,
    dlqFires: 0,
    window: 4,
    lastEventAt: now - 1000,
    held: [
      {
        trigger: 'reconcile',
        dependency: 'order',
        eventId: 'e-held',
        heldAt: now - 1000,
        expiresAt: now + 599_000,
      },
    ],
  },
  spec,
  decisions: [
    {
      kind: 'event',
      at: now - 2000,
      eventId: HOSTILE,
      source: 'shop',
      subject: 'orders',
      dependencies: [
        {
          name: 'order',
          accepted: false,
          reason: `data filter [0] path "body.amount": "><img src=x onerror=alert(2)>`,
        },
      ],
    },
    {
      kind: 'fired',
      at: now - 1000,
      trigger: 'reconcile',
      fireId: 'f1',
      events: { order: 'e1', refund: 'e2' },
      idempotencyKey: 'k',
      template: {},
    },
  ],
};

const event: EventReport = {
  eventId: 'e-small',
  payload: {
    id: 'e-small',
    source: 'shop',
    subject: 'orders',
    data: {
      header: { Authorization: ['*** Masked Auth Secret ***'] },
      body: { amount: 5, password: 'hunter2' },
    },
  },
  receivers: [
    {
      sensor: { namespace: 'default', name: 'pair', workflowId: 'sensor:default/pair' },
      decision: {
        kind: 'event',
        at: now,
        eventId: 'e-small',
        source: 'shop',
        subject: 'orders',
        dependencies: [
          {
            name: 'order',
            accepted: false,
            reason: 'data filter [0] path "body.amount": number 5 (from "5") is not > any of ["100"]',
          },
        ],
      },
      related: [],
      fires: [
        {
          trigger: 'notify',
          fireId: 'f3',
          outcome: 'succeeded',
          attempts: 1,
          payload: { token: 'tok-123', orderId: 'A' },
          answer: { status: 200 },
          runId: 'run-9',
        },
      ],
      spec,
    },
  ],
};

function source(over: Partial<DashboardSource> = {}): DashboardSource {
  return {
    namespaceOfTemporal: 'default',
    sensors: async () => [detail.status],
    eventSources: async () => [
      {
        namespace: 'default',
        name: 'shop',
        workflowId: 'eventsource:default/shop',
        since: new Date(now),
        running: true,
        events: ['webhook/orders'],
      },
    ],
    sensor: async (k) => (k.namespace === 'default' && k.name === 'pair' ? detail : undefined),
    eventSource: async () => undefined,
    event: async (id) => (id === 'e-small' ? event : undefined),
    ...over,
  };
}

/** Markup whitespace folded (pages are formatted source; only their content matters). */
const flat = (s: string) => s.replace(/>\s+</g, '><').replace(/\s+>/g, '>').replace(/\s+/g, ' ');

const app = (over: Partial<DashboardSource> = {}) =>
  buildDashboardApp({ source: source(over), temporalUiUrl: 'http://ui.test:8233' });

test('the front page lists Sensors with status and held events with their countdown, and EventSources', async () => {
  const r = await app().inject('/');
  assert.equal(r.statusCode, 200);
  assert.match(r.headers['content-type'] as string, /text\/html/);
  assert.match(flat(r.body), /href="\/sensors\/default\/pair">default\/pair</);
  assert.match(flat(r.body), new RegExp(`data-expires="${now + 599_000}">9m5\\ds left`));
  assert.match(flat(r.body), /href="\/events\/e-held"/);
  assert.match(flat(r.body), /default\/shop[\s\S]*webhook\/orders/);
  assert.match(r.headers['content-security-policy'] as string, /script-src 'self'/);
});

test('a Sensor page escapes event ids and reasons, draws the graph and links fires to the Temporal UI', async () => {
  const r = await app().inject('/sensors/default/pair');
  assert.equal(r.statusCode, 200);
  assert.ok(!flat(r.body).includes(HOSTILE), 'no raw script from an event id');
  assert.ok(!flat(r.body).includes('<img src=x'), 'no raw markup from a reason');
  assert.ok(flat(r.body).includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(flat(r.body).includes(`href="/events/${encodeURIComponent(HOSTILE)}"`));
  assert.match(flat(r.body), /<svg class="graph"/);
  assert.ok(
    flat(r.body).includes(
      'href="http://ui.test:8233/namespaces/default/workflows/sensor%3Adefault%2Fpair/run-1/history"',
    ),
  );
  const fragment = await app().inject('/sensors/default/pair/decisions');
  assert.equal(fragment.statusCode, 200);
  assert.match(flat(fragment.body).trim(), /^<tr class="decision decision-fired">/, 'newest first');
  assert.equal((fragment.body.match(/<tr class="decision /g) ?? []).length, 2);
});

test('an event page shows the payload masked, every filter verdict and the fire with its answer', async () => {
  const r = await app().inject('/events/e-small');
  assert.equal(r.statusCode, 200);
  assert.ok(!flat(r.body).includes('hunter2'));
  assert.ok(!flat(r.body).includes('tok-123'));
  assert.match(flat(r.body), /\*\*\* Masked Secret \*\*\*/);
  assert.match(
    flat(r.body),
    /<td><code>filters\.data\[0\]<\/code><\/td><td><code>body\.amount &gt; \[&quot;100&quot;\] \(number\)<\/code><\/td><td class="bad">failed<\/td>/,
  );
  assert.match(flat(r.body), /class="fire-answer">\{ &quot;status&quot;: 200 \}/);
  assert.ok(
    flat(r.body).includes(
      'href="http://ui.test:8233/namespaces/default/workflows/sensor%3Adefault%2Fpair/run-9/history"',
    ),
  );
});

test('unknown Sensors and events answer 404 pages; search redirects to the event', async () => {
  assert.equal((await app().inject('/sensors/default/nope')).statusCode, 404);
  assert.equal((await app().inject('/sensors/default/nope/decisions')).statusCode, 404);
  const missing = await app().inject(`/events/${encodeURIComponent(HOSTILE)}`);
  assert.equal(missing.statusCode, 404);
  assert.ok(!missing.body.includes(HOSTILE));
  assert.match(missing.body, /eventide explain sensor/);
  const s = await app().inject('/search?id=%20a%20b%20');
  assert.equal(s.statusCode, 303);
  assert.equal(s.headers.location, '/events/a%20b');
  assert.equal((await app().inject('/search?id=')).headers.location, '/');
});

test('the dashboard is read-only and says when Temporal cannot be read', async () => {
  assert.equal((await app().inject({ method: 'POST', url: '/' })).statusCode, 404);
  assert.equal((await app().inject({ method: 'DELETE', url: '/sensors/default/pair' })).statusCode, 404);
  const r = await app({
    sensors: async () => Promise.reject(new Error(`cannot reach Temporal ${HOSTILE}`)),
  }).inject('/');
  assert.equal(r.statusCode, 502);
  assert.ok(!flat(r.body).includes(HOSTILE));
  assert.match(flat(r.body), /cannot reach Temporal &lt;script&gt;/);
  const js = await app().inject('/dashboard.js');
  assert.match(js.headers['content-type'] as string, /javascript/);
  assert.match(js.body, /data-expires/);
});

test('redaction masks strings under secret-named keys and keeps secret references', () => {
  assert.deepEqual(
    redactForDisplay({
      password: 'p',
      apiKey: ['a'],
      auth: { name: 's', key: 'k' },
      nested: [{ Token: 't', ok: 'v' }],
    }),
    {
      password: '*** Masked Secret ***',
      apiKey: ['*** Masked Secret ***'],
      auth: { name: 's', key: 'k' },
      nested: [{ Token: '*** Masked Secret ***', ok: 'v' }],
    },
  );
});

test('the graph joins each dependency to the conditions that name it, and those to the trigger', () => {
  const svg = sensorGraph(spec).text;
  assert.equal((svg.match(/class="edge"/g) ?? []).length, 3);
  assert.match(svg, /order &amp;&amp; refund/);
  assert.match(svg, /window 10m/);
});
