// The dashboard in a real headless Chromium against a running Eventide: a webhook a data filter
// rejects is found from the front page, in two clicks, with the filter and its reason; a fire
// shows its resolved payload, the target's answer and a link to the Temporal UI; decisions
// stream into an open Sensor page; secrets never show. Screenshots go to a temp dir.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { freePort } from '../../src/temporal/dev-server.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startDashboard, type RunningDashboard } from '../../src/dashboard/start-dashboard.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { launchChromium, missingChromium } from '../support/dashboard-browser.js';

const skip = missingChromium();
const UI = 'http://temporal-ui.test:8233';

describe('dashboard in a browser', { skip }, () => {
  let e: RunningEventide;
  let dash: RunningDashboard;
  let capture: CaptureServer;
  let browser: Browser;
  let page: Page;
  let port: number;
  const shots = mkdtempSync(join(tmpdir(), 'eventide-dashboard-'));
  let rejectedId = '';
  let acceptedId = '';

  async function shot(name: string) {
    const path = join(shots, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`screenshot: ${path}`);
  }

  async function post(endpoint: string, body: unknown): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${port}${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer topsecret-bearer' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200);
    const { events } = (await res.json()) as { events: string[] };
    return events[0]!;
  }

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    e = await startTestEventide({
      manifests: validManifests(
        webhookEventSource('shop', {
          orders: { port: String(port), endpoint: '/orders', method: 'POST' },
          refunds: { port: String(port), endpoint: '/refunds', method: 'POST' },
        }),
        sensor('big-orders', {
          dependencies: [
            {
              name: 'order',
              eventSourceName: 'shop',
              eventName: 'orders',
              filters: { data: [{ path: 'body.amount', type: 'number', comparator: '>', value: ['100'] }] },
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
        sensor('order-and-refund', {
          dependencies: [
            { name: 'order', eventSourceName: 'shop', eventName: 'orders' },
            { name: 'refund', eventSourceName: 'shop', eventName: 'refunds' },
          ],
          triggers: [
            {
              template: {
                name: 'reconcile',
                conditions: 'order && refund',
                correlationWindow: '10m',
                log: {},
              },
            },
          ],
        }),
      ),
    });
    dash = await startDashboard({ client: e.client, temporalUiUrl: UI });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    rejectedId = await post('/orders', { id: 'small-1', amount: 5, password: 'hunter2-in-body' });
    acceptedId = await post('/orders', { id: 'big-1', amount: 500 });
    await waitFor(async () => (await sensorDecisions(e, 'big-orders')).some((d) => d.kind === 'result'), {
      what: 'the accepted order to fire and report back',
    });
    await waitFor(
      async () => (await sensorDecisions(e, 'order-and-refund')).filter((d) => d.kind === 'held').length >= 1,
      { what: 'an order held for its refund' },
    );
  });

  after(async () => {
    await browser?.close();
    await dash?.stop();
    await e?.stop();
    await capture?.close();
  });

  test('from the front page, two clicks reach the filter that rejected a webhook and its reason', async () => {
    await page.goto(dash.url, { waitUntil: 'load' });
    const rows = await page.$$eval('#sensors tbody tr', (trs) =>
      trs.map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    assert.equal(rows.length, 2);
    const big = rows.find((r) => r.includes('default/big-orders'))!;
    assert.match(big, /running/);
    const held = rows.find((r) => r.includes('default/order-and-refund'))!;
    assert.match(held, /reconcile\/order = /, 'the held order is listed');
    assert.match(held, /(9m\d\ds|10m00s) left/, 'with its correlation-window countdown');
    assert.match(
      await page.$eval('#eventsources', (t) => (t.textContent ?? '').replace(/\s+/g, ' ').trim()),
      /default\/shop[\s\S]*webhook\/orders/,
    );
    await shot('1-front-page');

    // click 1: the Sensor
    await Promise.all([
      page.waitForNavigation(),
      page.click('a.sensor-link[href="/sensors/default/big-orders"]'),
    ]);
    const graph = await page.$eval('svg.graph', (s) => (s.textContent ?? '').replace(/\s+/g, ' ').trim());
    assert.match(graph, /dependencies[\s\S]*conditions[\s\S]*triggers/);
    assert.match(graph, /order[\s\S]*notify/);
    const rejectedRow = await page.$$eval(
      'tr.decision-event',
      (trs, id) =>
        trs
          .map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim())
          .find((t) => t.includes(id as string)) ?? '',
      rejectedId,
    );
    assert.match(rejectedRow, /order: rejected — data filter \[0\] path "body\.amount"/);
    await shot('2-sensor-page');

    // click 2: the rejected event
    await Promise.all([
      page.waitForNavigation(),
      page.click(`tr.decision-event a.event-link[href="/events/${encodeURIComponent(rejectedId)}"]`),
    ]);
    const filters = await page.$$eval('table.filters tr.filter', (trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
    );
    assert.equal(filters.length, 1);
    const [name, definition, verdict, reason] = filters[0]!;
    assert.equal(name, 'filters.data[0]');
    assert.match(definition!, /body\.amount > \["100"\]/);
    assert.equal(verdict, 'failed');
    assert.match(reason!, /body\.amount/);
    const recorded = await page.$eval('.recorded-reason', (el) =>
      (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    assert.match(recorded, /data filter \[0\] path "body\.amount"/);
    const receivers = await page.$$eval('section.receiver h3', (hs) =>
      hs.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim()),
    );
    assert.equal(receivers.length, 2, 'both Sensors received the order');
    const body = await page.$eval('body', (b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim());
    assert.match(body, /"amount": 5/);
    assert.ok(!body.includes('hunter2-in-body'), 'a password in the payload is masked');
    assert.ok(!body.includes('topsecret-bearer'), 'the bearer token is masked');
    await shot('3-event-page');
  });

  test('a fired event shows the resolved payload, the target answer and its Temporal UI link', async () => {
    await page.goto(`${dash.url}/search?id=${encodeURIComponent(acceptedId)}`, { waitUntil: 'load' });
    assert.equal(new URL(page.url()).pathname, `/events/${encodeURIComponent(acceptedId)}`);
    const fire = await page.$eval('section.receiver .fire', (el) =>
      (el.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    assert.match(fire, /trigger notify f\d+ — succeeded after 1 attempt/);
    assert.deepEqual(
      JSON.parse(
        await page.$eval('pre.fire-payload', (p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim()),
      ),
      {
        orderId: 'big-1',
      },
    );
    assert.match(
      await page.$eval('pre.fire-answer', (p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim()),
      /200/,
    );
    const href = await page.$eval('.fire a.temporal-link', (a) => a.getAttribute('href') ?? '');
    assert.match(
      href,
      new RegExp(`^${UI}/namespaces/default/workflows/sensor%3Adefault%2Fbig-orders/[0-9a-f-]+/history$`),
    );
    await shot('4-fired-event');
  });

  test('an open Sensor page shows new decisions without a reload', async () => {
    await page.goto(`${dash.url}/sensors/default/big-orders`, { waitUntil: 'load' });
    const id = await post('/orders', { id: 'late-1', amount: 1 });
    // Evaluated in the page (the test's own TypeScript has no DOM types).
    await page.waitForFunction(
      `[...document.querySelectorAll('a.event-link')].some((a) => (a.textContent ?? '').trim() === ${JSON.stringify(id)})`,
      { timeout: 20_000 },
    );
    assert.match(
      await page.$eval('#live-status', (s) => (s.textContent ?? '').replace(/\s+/g, ' ').trim()),
      /live, updated/,
    );
  });
});
