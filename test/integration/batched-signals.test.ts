// Batched `event` signals on a real dev server: concurrent POSTs to one Sensor arrive in fewer
// signals than events, every event still fires exactly once, and the door limits hold.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../../src/temporal/dev-server.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { MAX_EVENT_NESTING } from '../../src/delivery/event-limits.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';

describe('batched event signals', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let port: number;
  const post = (path: string, body: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    e = await startTestEventide({
      manifests: validManifests(
        webhookEventSource('hooks', {
          burst: { port: String(port), endpoint: '/burst', method: 'POST' },
          deep: { port: String(port), endpoint: '/deep', method: 'POST' },
        }),
        sensor('burst', {
          dependencies: [{ name: 'hit', eventSourceName: 'hooks', eventName: 'burst' }],
          triggers: [
            {
              template: {
                name: 'forward',
                http: {
                  url: `${capture.url}/hit`,
                  method: 'POST',
                  payload: [{ src: { dependencyName: 'hit', dataKey: 'body.n' }, dest: 'n' }],
                },
              },
            },
          ],
        }),
        sensor('deep', {
          dependencies: [{ name: 'd', eventSourceName: 'hooks', eventName: 'deep' }],
          triggers: [{ template: { name: 'log', log: {} } }],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  test('N concurrent POSTs reach the Sensor in fewer than N signals and each fires once', async () => {
    const n = 60;
    // Wait until the ingress routes the endpoint.
    await waitFor(async () => (await post('/burst', '{"n":-1}')).status === 200, { what: 'route' });
    const statuses = await Promise.all(
      Array.from({ length: n }, (_, i) => post('/burst', JSON.stringify({ n: i })).then((r) => r.status)),
    );
    assert.deepEqual(statuses, Array(n).fill(200));
    const hits = await waitFor(
      () => {
        const got = capture.requests.filter((r) => r.url === '/hit');
        return got.length >= n + 1 ? got : undefined;
      },
      { what: `${n + 1} trigger calls`, timeoutMs: 60_000 },
    );
    const counts = new Map<string, number>();
    for (const h of hits) {
      const key = String((JSON.parse(h.body) as { n: unknown }).n);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (let i = -1; i < n; i++) assert.equal(counts.get(String(i)), 1, `event ${i} fired once`);
    const history = await e.client.workflow.getHandle(sensorWorkflowId('default', 'burst')).fetchHistory();
    const eventSignals = (history.events ?? []).filter(
      (ev) => ev.workflowExecutionSignaledEventAttributes?.signalName === 'event',
    ).length;
    assert.ok(eventSignals >= 1 && eventSignals < n + 1, `${n + 1} events came in ${eventSignals} signals`);
  });

  test(`an event nested ${MAX_EVENT_NESTING - 2} levels deep is held and processed; one deeper than the limit is refused with 400`, async () => {
    const ok = MAX_EVENT_NESTING - 2;
    const res = await post('/deep', `{"x":${'['.repeat(ok - 2)}${']'.repeat(ok - 2)}}`);
    assert.equal(res.status, 200);
    await waitFor(async () => (await sensorDecisions(e, 'deep')).some((d) => d.kind === 'fired'), {
      what: 'the deep event to fire',
    });
    const deep = 4_600; // passed the ingress before and then failed with 503 forever
    const refused = await post('/deep', '['.repeat(deep) + ']'.repeat(deep));
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as { code: string }).code, 'EVT_ERR_INGRESS_EVENT_TOO_DEEP');
  });
});
