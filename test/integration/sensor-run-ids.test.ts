// sensorRunIds against a real server, asked right after each continue-as-new: visibility may not
// list the newest run yet, and chained runs can share a start millisecond, yet the answer must be
// the whole chain in continue-as-new order (explain and the volume bench replay runs in it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { sensorRunIds, SensorNotFoundError } from '../../src/audit/sensor-history.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';

const NAME = 'rolling';
const ID = sensorWorkflowId('default', NAME);
const ROLLS = 6;

let e: RunningEventide;

before(async () => {
  e = await startTestEventide({
    ingress: false,
    // A run's first task starts at under 5 events and ends past them: the next signal rolls it.
    sensorOptions: { historyEventLimit: 5 },
    manifests: validManifests(
      sensor(NAME, {
        dependencies: [
          { name: 'a', eventSourceName: 'src', eventName: 'a' },
          { name: 'b', eventSourceName: 'src', eventName: 'b' },
        ],
        // Only `a` is sent: nothing fires, so a run ends as soon as its signal is handled.
        triggers: [{ template: { name: 'both', conditions: 'a && b', log: {} } }],
      }),
    ),
  });
});

after(() => e?.stop());

/** The run a run continued from, read from its own first event (not from sensorRunIds). */
async function continuedFrom(runId: string): Promise<string> {
  const res = await e.client.workflowService.getWorkflowExecutionHistory({
    namespace: e.client.options.namespace,
    execution: { workflowId: ID, runId },
    maximumPageSize: 1,
  });
  return res.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? '';
}

test('right after each continue-as-new, sensorRunIds is the whole chain in order', async () => {
  const handle = e.client.workflow.getHandle(ID);
  /** The current run once its first workflow task is done: a signal then takes it past the limit. */
  const settled = (runId: string) =>
    waitFor(
      async () => {
        const d = await handle.describe();
        return d.runId === runId && d.historyLength >= 4 && !d.raw.pendingWorkflowTask;
      },
      { what: `run ${runId} to finish its first task`, intervalMs: 10 },
    );
  const chain = [await waitFor(async () => (await handle.describe()).runId, { what: 'the Sensor to start' })];
  const answers: string[][] = [];
  for (let i = 0; i < ROLLS; i++) {
    const before = chain.at(-1)!;
    await settled(before);
    await handle.signal('event', { id: `a-${i}`, source: 'src', subject: 'a', data: { i } });
    chain.push(
      await waitFor(
        async () => {
          const d = await handle.describe();
          return d.runId !== before && d.runId;
        },
        { what: `roll ${i + 1}`, intervalMs: 5 },
      ),
    );
    // Asked at once: visibility has had no time to catch up.
    answers.push(await sensorRunIds(e.client, ID));
  }
  for (let i = 0; i < ROLLS; i++) {
    assert.deepEqual(answers[i], chain.slice(0, i + 2), `answer after roll ${i + 1}`);
  }
  assert.equal(new Set(chain).size, chain.length, 'every roll made a new run');
  assert.equal(chain.at(-1), (await handle.describe()).runId, 'the last id is the current run');
  assert.equal(await continuedFrom(chain[0]!), '', 'the first run continued from nothing');
  for (let i = 1; i < chain.length; i++) {
    assert.equal(await continuedFrom(chain[i]!), chain[i - 1], `run ${i} continued from run ${i - 1}`);
  }
});

test('a workflow id with no runs at all is SensorNotFoundError', async () => {
  await assert.rejects(sensorRunIds(e.client, sensorWorkflowId('default', 'never-applied')), SensorNotFoundError);
});
