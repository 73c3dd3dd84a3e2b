// A Sensor continues-as-new when its history grows past the limit, carrying held events.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import {
  sensor,
  sensorDecisions,
  sensorState,
  startTestEventide,
  validManifests,
} from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';

let e: RunningEventide;

before(async () => {
  e = await startTestEventide({
    ingress: false,
    sensorOptions: { historyEventLimit: 40 },
    manifests: validManifests(
      sensor('pair', {
        dependencies: [
          { name: 'a', eventSourceName: 'src', eventName: 'a' },
          { name: 'b', eventSourceName: 'src', eventName: 'b' },
          { name: 'noise', eventSourceName: 'src', eventName: 'noise' },
        ],
        triggers: [{ template: { name: 'both', conditions: 'a && b', log: {} } }],
      }),
    ),
  });
});

after(() => e?.stop());

test('held events survive continue-as-new and still fire the trigger', async () => {
  const handle = e.client.workflow.getHandle(sensorWorkflowId('default', 'pair'));
  const firstRun = (await handle.describe()).runId;
  await handle.signal('event', { id: 'a-1', source: 'src', subject: 'a', data: { v: 'A' } });
  await waitFor(async () =>
    Object.keys((await sensorState(e, 'pair')).triggers.both?.held ?? {}).includes('a'),
  );
  for (let i = 0; i < 60; i++) {
    await handle.signal('event', { id: `n-${i}`, source: 'src', subject: 'noise', data: { i } });
  }
  const newRun = await waitFor(
    async () => {
      const d = await handle.describe();
      return d.runId !== firstRun ? d.runId : undefined;
    },
    { what: 'a new run after continue-as-new' },
  );
  assert.notEqual(newRun, firstRun);
  const state = await waitFor(
    async () => {
      const s = await sensorState(e, 'pair');
      return s.recentIds.includes('n-59') ? s : undefined;
    },
    { what: 'every noise event processed' },
  );
  assert.equal(state.triggers.both?.held.a?.event.context.id, 'a-1', 'the held event came along');
  await handle.signal('event', { id: 'b-1', source: 'src', subject: 'b', data: { v: 'B' } });
  const fired = await waitFor(async () => (await sensorDecisions(e, 'pair')).find((d) => d.kind === 'fired'));
  assert.ok(fired.kind === 'fired');
  assert.deepEqual(fired.events, { a: 'a-1', b: 'b-1' });
  // Dedupe memory also crossed the boundary: an old id is still recognised.
  await handle.signal('event', { id: 'n-0', source: 'src', subject: 'noise', data: {} });
  await waitFor(async () =>
    (await sensorDecisions(e, 'pair')).some((d) => d.kind === 'event' && d.eventId === 'n-0' && d.duplicate),
  );
});
