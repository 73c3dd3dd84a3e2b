// Fires decided together go out as one runTriggerBatch activity, and each keeps its own
// outcome and retries: 40 events signalled at once to a Sensor whose receiver fails the first
// requests; every event reaches the receiver with its own Idempotency-Key, the failed ones are
// retried alone, and history shows batches rather than one activity per fire.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, sensorDecisions, startTestEventide, validManifests } from '../support/eventide.js';
import { historyEvents, scheduledActivityArgs } from '../support/history-payloads.js';
import { waitFor } from '../support/wait-for.js';

let e: RunningEventide;
let capture: CaptureServer;
const NAME = 'batched';
const EVENTS = 40;

before(async () => {
  capture = await startCaptureServer();
  e = await startTestEventide({
    manifests: validManifests(
      sensor(NAME, {
        dependencies: [{ name: 'hit', eventSourceName: 'src', eventName: 'hit' }],
        triggers: [
          {
            template: {
              name: 'post',
              http: {
                url: `${capture.url}/hit`,
                method: 'POST',
                payload: [{ src: { dependencyName: 'hit', contextKey: 'id' }, dest: 'id' }],
              },
            },
            retryStrategy: { steps: 3, duration: '300ms' },
          },
        ],
      }),
    ),
  });
});

after(async () => {
  await e?.stop();
  await capture?.close();
});

test('fires decided together share activities, and a failed one is retried alone', async () => {
  const handle = e.client.workflow.getHandle(sensorWorkflowId('default', NAME));
  // Wait for the Sensor's first task, so the 40 events arrive as one backlog.
  await waitFor(async () => (await handle.describe()).historyLength > 3, { what: 'the Sensor to start' });
  capture.failNext(5);
  const ids = Array.from({ length: EVENTS }, (_, i) => `b-${i}`);
  await handle.signal(
    'event',
    ids.map((id) => ({ specversion: '1.0', id, source: 'src', subject: 'hit', data: {} })),
  );
  await waitFor(
    () => {
      const ok = new Set(capture.requests.slice(5).map((r) => (JSON.parse(r.body) as { id: string }).id));
      return ids.every((id) => ok.has(id));
    },
    { what: `every event delivered (got ${capture.requests.length} requests)`, timeoutMs: 60_000 },
  );
  const keysById = new Map<string, Set<string>>();
  for (const r of capture.requests) {
    const id = (JSON.parse(r.body) as { id: string }).id;
    keysById.set(id, (keysById.get(id) ?? new Set()).add(String(r.headers['idempotency-key'])));
  }
  assert.equal(keysById.size, EVENTS);
  assert.ok([...keysById.values()].every((k) => k.size === 1), 'a retry reuses its fire’s key');
  assert.equal(new Set([...keysById.values()].map((k) => [...k][0])).size, EVENTS, 'one key per fire');
  assert.equal(capture.requests.length, EVENTS + 5, 'only the 5 failed attempts were sent again');

  const results = await waitFor(
    async () => {
      const rs = (await sensorDecisions(e, NAME)).filter((d) => d.kind === 'result');
      return rs.length === EVENTS && rs;
    },
    { what: `${EVENTS} trigger results` },
  );
  assert.ok(results.every((r) => r.kind === 'result' && r.outcome === 'succeeded'));
  const attempts = results.map((r) => (r.kind === 'result' ? r.attempts : 0));
  assert.equal(attempts.filter((a) => a === 2).length, 5, `5 fires took a second attempt: ${attempts}`);
  assert.equal(attempts.filter((a) => a === 1).length, EVENTS - 5);

  const history = await historyEvents(e.client, sensorWorkflowId('default', NAME));
  const batches = scheduledActivityArgs(history, 'runTriggerBatch');
  const singles = scheduledActivityArgs(history, 'runTrigger');
  const batchedFires = batches.reduce((n, [input]) => n + (input as { fires: unknown[] }).fires.length, 0);
  console.log(`[batched] ${batches.length} batches carrying ${batchedFires} fires, ${singles.length} single fires`);
  assert.ok(batches.length >= 2 && batches.length <= 10, `${batches.length} batches for ${EVENTS} fires`);
  assert.equal(batchedFires + singles.length - 5, EVENTS, 'each fire started once, plus the 5 retries');
});
