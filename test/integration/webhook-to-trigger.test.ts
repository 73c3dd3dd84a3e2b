// Webhook → Sensor workflow → trigger, end to end on a real Temporal dev server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from '../../src/temporal/dev-server.js';
import { applyResource } from '../../src/control/resources.js';
import { createSecretStore } from '../../src/secrets/secret-store.js';
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
import { findTemporalCli } from '../../src/temporal/dev-server.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';

const run = promisify(execFile);

describe('webhook to trigger', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let port: number;
  const base = () => `http://127.0.0.1:${port}`;

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    e = await startTestEventide({
      secrets: createSecretStore({
        env: { EVENTIDE_SECRET_WEBHOOK_TOKEN_TOKEN: 's3cret' },
        dir: '/nonexistent',
      }),
      manifests: validManifests(
        webhookEventSource('hooks', {
          orders: { port: String(port), endpoint: '/orders', method: 'POST' },
          guarded: {
            port: String(port),
            endpoint: '/guarded',
            method: 'POST',
            authSecret: { name: 'webhook-token', key: 'token' },
          },
          small: { port: String(port), endpoint: '/small', method: 'POST', maxPayloadSize: 64 },
          unused: { port: String(port), endpoint: '/unused', method: 'POST' },
        }),
        sensor('orders', {
          dependencies: [{ name: 'order', eventSourceName: 'hooks', eventName: 'orders' }],
          triggers: [
            {
              template: {
                name: 'notify',
                http: {
                  url: `${capture.url}/notify`,
                  method: 'POST',
                  payload: [
                    { src: { dependencyName: 'order', dataKey: 'body.id' }, dest: 'orderId' },
                    { src: { dependencyName: 'order', dataKey: 'body.total' }, dest: 'total' },
                    { src: { dependencyName: 'order', dataKey: 'body.missing', value: 'n/a' }, dest: 'note' },
                  ],
                },
              },
            },
          ],
        }),
        sensor('guarded', {
          dependencies: [{ name: 'g', eventSourceName: 'hooks', eventName: 'guarded' }],
          triggers: [{ template: { name: 'log', log: {} } }],
        }),
        sensor('bystander', {
          dependencies: [{ name: 'u', eventSourceName: 'hooks', eventName: 'unused' }],
          triggers: [{ template: { name: 'log', log: {} } }],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  test('a POSTed event fires the http trigger with a parameterized body', async () => {
    const res = await fetch(`${base()}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'A-17', total: 42.5 }),
    });
    assert.equal(res.status, 200);
    const req = await waitFor(() => capture.requests.find((r) => r.url === '/notify'), {
      what: 'http trigger call',
    });
    assert.equal(req.method, 'POST');
    // Argo sets parameters as strings unless useRawData keeps them raw.
    assert.deepEqual(JSON.parse(req.body), { orderId: 'A-17', total: '42.5', note: 'n/a' });
    assert.match(String(req.headers['idempotency-key']), /^[0-9a-f]{32}$/);
  });

  test('a wrong bearer token gets 401 and reaches no Sensor', async () => {
    const bad = await fetch(`${base()}/guarded`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(bad.status, 401);
    assert.equal(((await bad.json()) as { code: string }).code, 'EVT_ERR_INGRESS_UNAUTHORIZED');
    const good = await fetch(`${base()}/guarded`, {
      method: 'POST',
      headers: { authorization: 'Bearer s3cret', 'content-type': 'application/json' },
      body: '{"ok":1}',
    });
    assert.equal(good.status, 200);
    const decisions = await waitFor(async () => {
      const d = await sensorDecisions(e, 'guarded');
      return d.some((x) => x.kind === 'fired') ? d : undefined;
    });
    assert.equal(
      decisions.filter((d) => d.kind === 'event').length,
      1,
      'only the authorized request became an event',
    );
    const fired = decisions.find((d) => d.kind === 'fired');
    assert.ok(fired && fired.kind === 'fired' && fired.trigger === 'log');
  });

  test('the Authorization header is masked in the event payload', async () => {
    const res = await fetch(`${base()}/guarded`, {
      method: 'POST',
      headers: { authorization: 'Bearer s3cret', 'content-type': 'application/json' },
      body: '{"n":2}',
    });
    assert.equal(res.status, 200);
    const st = await waitFor(async () => {
      const d = await sensorDecisions(e, 'guarded');
      return d.filter((x) => x.kind === 'fired').length >= 2 ? d : undefined;
    });
    const text = JSON.stringify(st);
    assert.ok(!text.includes('s3cret'), 'the token never appears in decisions');
  });

  test('an oversize body gets 413', async () => {
    const res = await fetch(`${base()}/small`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(200) }),
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { code: string }).code, 'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE');
  });

  test('a wrong method gets 400', async () => {
    const res = await fetch(`${base()}/orders`, {
      method: 'PUT',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { code: string }).code, 'EVT_ERR_INGRESS_METHOD_MISMATCH');
  });

  test('an unknown endpoint gets 404 and /health answers', async () => {
    assert.equal((await fetch(`${base()}/nope`, { method: 'POST', body: '{}' })).status, 404);
    const health = await fetch(`${base()}/health`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'OK');
  });

  test('a Sensor that is not subscribed gets nothing', async () => {
    await sleep(300);
    const d = await sensorDecisions(e, 'bystander');
    assert.deepEqual(
      d.filter((x) => x.kind === 'event'),
      [],
    );
  });

  test('an event id delivered twice fires once', async () => {
    const handle = e.client.workflow.getHandle(sensorWorkflowId('default', 'guarded'));
    const before = (await sensorDecisions(e, 'guarded')).filter((d) => d.kind === 'fired').length;
    const event = {
      specversion: '1.0',
      id: 'dup-1',
      source: 'hooks',
      subject: 'guarded',
      type: 'webhook',
      data: { x: 1 },
    };
    await handle.signal('event', event);
    await handle.signal('event', event);
    const d = await waitFor(async () => {
      const all = await sensorDecisions(e, 'guarded');
      return all.some((x) => x.kind === 'event' && x.eventId === 'dup-1' && x.duplicate) ? all : undefined;
    });
    assert.equal(d.filter((x) => x.kind === 'fired').length, before + 1);
  });

  test('the temporal CLI can inject an event as a signal', async () => {
    const cli = findTemporalCli();
    assert.ok(cli, 'temporal CLI available');
    const event = {
      specversion: '1.0',
      id: 'cli-1',
      source: 'hooks',
      subject: 'orders',
      type: 'webhook',
      data: { body: { id: 'CLI-9', total: 1 } },
    };
    await run(cli!, [
      'workflow',
      'signal',
      '--address',
      e.address,
      '--namespace',
      e.namespace,
      '--workflow-id',
      sensorWorkflowId('default', 'orders'),
      '--name',
      'event',
      '--input',
      JSON.stringify(event),
    ]);
    const req = await waitFor(() => capture.requests.find((r) => r.body.includes('CLI-9')), {
      what: 'trigger from CLI signal',
    });
    assert.equal(JSON.parse(req.body).orderId, 'CLI-9');
  });

  test('re-applying an unchanged Sensor keeps it running without an update decision', async () => {
    const [m] = validManifests(
      sensor('bystander', {
        dependencies: [{ name: 'u', eventSourceName: 'hooks', eventName: 'unused' }],
        triggers: [{ template: { name: 'log', log: {} } }],
      }),
    );
    const r = await applyResource(e.client, m!, { taskQueue: e.taskQueue });
    assert.equal(r.created, false);
    await sleep(300);
    const d = await sensorDecisions(e, 'bystander');
    assert.equal(d.filter((x) => x.kind === 'spec-updated').length, 0);
  });
});
