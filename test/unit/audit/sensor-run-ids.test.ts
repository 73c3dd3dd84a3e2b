// sensorRunIds over a scripted client: the order comes from the continue-as-new chain (describe,
// then each run's first event), not from visibility, which may lag a roll and whose start times
// may tie within a millisecond.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sensorRunIds, SensorNotFoundError } from '../../../src/audit/sensor-history.js';

const ID = 'sensor:default/s';

interface Script {
  /** what visibility lists, in its own order */
  listed: { runId: string; start: number }[];
  /** the latest run, as describe reads it; none: WorkflowNotFoundError */
  current?: string;
  /** each run's continuedExecutionRunId ('' for a first run); a run missing here has no history */
  previous: Record<string, string>;
}

function scripted(s: Script) {
  const historyCalls: { runId: string; maximumPageSize: number }[] = [];
  const client = {
    options: { namespace: 'default' },
    workflow: {
      list: () =>
        (async function* () {
          for (const r of s.listed) yield { runId: r.runId, startTime: new Date(r.start) };
        })(),
      getHandle: (workflowId: string) => ({
        describe: async () => {
          if (s.current === undefined) throw new WorkflowNotFoundError('not found', workflowId, undefined);
          return { runId: s.current };
        },
      }),
    },
    workflowService: {
      getWorkflowExecutionHistory: async (req: { execution: { runId: string }; maximumPageSize: number }) => {
        historyCalls.push({ runId: req.execution.runId, maximumPageSize: req.maximumPageSize });
        const previous = s.previous[req.execution.runId];
        if (previous === undefined) throw Object.assign(new Error('5 NOT_FOUND: history gone'), { code: 5 });
        return {
          history: { events: [{ workflowExecutionStartedEventAttributes: { continuedExecutionRunId: previous } }] },
        };
      },
    },
  } as unknown as Client;
  return { client, historyCalls };
}

// A chain whose run ids sort against their order: z -> m -> a -> q.
const chain = { z: '', m: 'z', a: 'm', q: 'a' };

test('the newest run visibility does not list yet is there, last', async () => {
  const { client } = scripted({
    listed: [
      { runId: 'z', start: 1000 },
      { runId: 'm', start: 1010 },
    ],
    current: 'q',
    previous: chain,
  });
  assert.deepEqual(await sensorRunIds(client, ID), ['z', 'm', 'a', 'q']);
});

test('runs started in the same millisecond keep their chain order, not their run ids order', async () => {
  const { client, historyCalls } = scripted({
    listed: ['z', 'm', 'a', 'q'].map((runId) => ({ runId, start: 1000 })),
    current: 'q',
    previous: chain,
  });
  assert.deepEqual(await sensorRunIds(client, ID), ['z', 'm', 'a', 'q']);
  assert.deepEqual(
    historyCalls,
    ['q', 'a', 'm', 'z'].map((runId) => ({ runId, maximumPageSize: 1 })),
    'one one-event history read per run of the chain',
  );
});

test('runs of an older chain under the same id come first, by start time', async () => {
  const { client } = scripted({
    listed: [
      { runId: 'q', start: 900 },
      { runId: 'old2', start: 20 },
      { runId: 'z', start: 900 },
      { runId: 'old1', start: 10 },
    ],
    current: 'q',
    previous: { ...chain, old1: '', old2: 'old1' },
  });
  assert.deepEqual(await sensorRunIds(client, ID), ['old1', 'old2', 'z', 'm', 'a', 'q']);
});

test('the walk stops at a run whose history is gone', async () => {
  const { client } = scripted({ listed: [], current: 'q', previous: { q: 'a', a: 'm' } });
  assert.deepEqual(await sensorRunIds(client, ID), ['a', 'q']);
});

test('no execution and nothing listed is SensorNotFoundError; listed runs alone are ordered by start', async () => {
  await assert.rejects(sensorRunIds(scripted({ listed: [], previous: {} }).client, ID), SensorNotFoundError);
  const { client } = scripted({
    listed: [
      { runId: 'b', start: 20 },
      { runId: 'a', start: 10 },
    ],
    previous: {},
  });
  assert.deepEqual(await sensorRunIds(client, ID), ['a', 'b']);
});

test('newest: N returns the last N runs of the chain and reads only their histories', async () => {
  const { client, historyCalls } = scripted({
    listed: [{ runId: 'old', start: 1 }, ...['z', 'm', 'a', 'q'].map((runId) => ({ runId, start: 1000 }))],
    current: 'q',
    previous: chain,
  });
  assert.deepEqual(await sensorRunIds(client, ID, { newest: 2 }), ['a', 'q']);
  assert.deepEqual(
    historyCalls.map((c) => c.runId),
    ['q', 'a'],
  );
  assert.deepEqual(await sensorRunIds(client, ID, { newest: 9 }), ['old', 'z', 'm', 'a', 'q']);
});
