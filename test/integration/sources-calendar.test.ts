// A calendar EventSource ticks through durable timers in its EventSource workflow: it keeps
// ticking across a worker SIGKILL and restart, and with catchup every scheduled second arrives
// exactly once (no tick lost while no worker ran, none doubled by redelivery).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer, type Captured } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { waitFor } from '../support/wait-for.js';
import { eventSourceStateQuery, eventSourceWorkflowId } from '../../src/vocabulary/eventsource-api.js';

let e: RunningEventide;
let capture: CaptureServer;
const workers: WorkerProcess[] = [];

interface Tick {
  id: string;
  time: number;
  /** when the capture server received it */
  at: number;
  eventTime: string;
  key: string;
}

function ticksOf(requests: Captured[], path = '/tick'): Tick[] {
  return requests
    .filter((r) => r.url === path)
    .map((r) => {
      const body = JSON.parse(r.body) as { id: string; time: string; eventTime: string };
      return {
        id: body.id,
        time: Date.parse(body.time),
        at: r.at,
        eventTime: body.eventTime,
        key: String(r.headers['idempotency-key']),
      };
    });
}

/** Scheduled times not delivered between the first and the last delivered tick. */
function gapsIn(times: number[]): string[] {
  const missing: string[] = [];
  for (let t = times[0]!; t <= times[times.length - 1]!; t += 1000)
    if (!times.includes(t)) missing.push(new Date(t).toISOString());
  return missing;
}

function recordTicks(name: string, eventSourceName: string, path: string) {
  return sensor(name, {
    dependencies: [{ name: 'tick', eventSourceName, eventName: 'every' }],
    triggers: [
      {
        template: {
          name: 'record',
          http: {
            url: `${capture.url}${path}`,
            method: 'POST',
            payload: [
              { src: { dependencyName: 'tick', contextKey: 'id' }, dest: 'id' },
              { src: { dependencyName: 'tick', contextKey: 'time' }, dest: 'time' },
              { src: { dependencyName: 'tick', dataKey: 'eventTime' }, dest: 'eventTime' },
              { src: { dependencyName: 'tick', dataKey: 'metadata.purpose', value: '' }, dest: 'purpose' },
            ],
          },
        },
      },
    ],
  });
}

before(async () => {
  capture = await startCaptureServer();
  e = await startTestEventide({
    worker: false,
    ingress: false,
    // A trigger attempt cut off by the kill is retried after this, not after a minute.
    sensorOptions: { triggerTimeoutMs: 3000 },
    manifests: validManifests(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'EventSource',
        metadata: { name: 'clock' },
        spec: {
          calendar: {
            every: {
              interval: '1s',
              metadata: { purpose: 'test' },
              persistence: { catchup: { enabled: true, maxDuration: '5m' } },
            },
          },
        },
      },
      recordTicks('ticks', 'clock', '/tick'),
      recordTicks('ticks-can', 'clock-can', '/can'),
    ),
  });
  // Bundling the workflow code makes a worker process take several seconds to start; the first
  // one starts here so that the test itself measures the kill and the restart.
  await startWorker().ready;
});

after(async () => {
  for (const w of workers) await w.kill();
  await e?.stop();
  await capture?.close();
});

function startWorker(): WorkerProcess {
  const w = startWorkerProcess(e.address);
  workers.push(w);
  return w;
}

test('ticks survive a worker SIGKILL: none missing, none doubled', { timeout: 45_000 }, async () => {
  const first = workers[0]!;
  await waitFor(() => ticksOf(capture.requests).length >= 2, { what: 'ticks from the first worker' });
  const killedAt = Date.now();
  await first.kill('SIGKILL');
  const deliveredBeforeKill = new Set(ticksOf(capture.requests).map((t) => t.id)).size;

  const second = startWorker();
  await second.ready;
  const restartedAt = Date.now();
  // Ticks scheduled after the restart prove the schedule goes on; the gap must be filled too.
  await waitFor(() => ticksOf(capture.requests).filter((t) => t.time > restartedAt + 1000).length >= 2, {
    what: 'ticks after the restart',
    timeoutMs: 30_000,
  });

  const ticks = ticksOf(capture.requests);
  const byId = new Map<string, Tick[]>();
  for (const t of ticks) byId.set(t.id, [...(byId.get(t.id) ?? []), t]);
  // A tick may reach the capture server twice only as a retry of the same trigger firing (the
  // kill can cut an HTTP trigger off after it sent): same idempotency key, which the receiver
  // dedupes. A tick emitted twice would fire twice, under two keys.
  for (const [id, copies] of byId) {
    assert.equal(new Set(copies.map((c) => c.key)).size, 1, `tick ${id} fired more than once`);
  }
  const times = [...new Set([...byId.values()].map((c) => c[0]!.time))].sort((a, b) => a - b);
  assert.equal(times.length, byId.size, 'one id per scheduled time');
  const firstTick = times[0]!;
  const lastTick = times[times.length - 1]!;
  const expected = (lastTick - firstTick) / 1000 + 1;
  assert.deepEqual(gapsIn(times), [], 'every second between the first and the last tick arrived');
  assert.equal(times.length, expected);
  assert.ok(
    times.some((t) => t > killedAt && t < restartedAt),
    'ticks that fell due while no worker ran were caught up',
  );
  const sample = JSON.parse(capture.requests.find((r) => r.url === '/tick')!.body) as {
    eventTime: string;
    purpose: string;
  };
  assert.match(sample.eventTime, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/);
  assert.equal(sample.purpose, 'test');

  const status = await e.client.workflow
    .getHandle(eventSourceWorkflowId('default', 'clock'))
    .query(eventSourceStateQuery);
  assert.deepEqual(status.runners, ['calendar/every']);
  assert.ok(status.state.calendar.every!.emitted >= times.length);
  console.log(
    JSON.stringify({
      expected,
      delivered: times.length,
      requests: ticks.length,
      retriedRequests: ticks.length - byId.size,
      maxLatenessMs: Math.max(...ticks.map((t) => t.at - t.time)),
      deliveredBeforeKill,
      gapMs: restartedAt - killedAt,
    }),
  );
});

test(
  'the watermark crosses continue-as-new: ticks go on without a gap or a repeat',
  { timeout: 30_000 },
  async () => {
    // Started directly, to pass a small history limit (apply uses the default).
    const source = { namespace: 'default', name: 'clock-can' };
    const handle = await e.client.workflow.start('eventSourceWorkflow', {
      workflowId: eventSourceWorkflowId(source.namespace, source.name),
      taskQueue: e.taskQueue,
      args: [
        { source, spec: { calendar: { every: { interval: '1s' } } }, options: { historyEventLimit: 40 } },
      ],
    });
    const runs = new Set<string>([handle.firstExecutionRunId]);
    await waitFor(
      async () => {
        runs.add((await handle.describe()).runId);
        return runs.size >= 3 && ticksOf(capture.requests, '/can').length >= 8;
      },
      { what: 'two continue-as-new and eight ticks', timeoutMs: 25_000, intervalMs: 250 },
    );
    const ticks = ticksOf(capture.requests, '/can');
    const times = [...new Set(ticks.map((t) => t.time))].sort((a, b) => a - b);
    assert.equal(new Set(ticks.map((t) => t.key)).size, times.length, 'each tick fired once');
    assert.deepEqual(gapsIn(times), []);
    const status = await handle.query(eventSourceStateQuery);
    assert.ok(status.state.calendar.every!.emitted >= times.length, 'the count carried over too');
    await handle.signal('delete');
    await handle.result();
    console.log(JSON.stringify({ runs: runs.size, ticks: times.length }));
  },
);
