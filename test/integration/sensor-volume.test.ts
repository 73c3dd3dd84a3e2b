// A Sensor under volume on a real dev server: backlogs far past Temporal's 2,000 pending
// activities, sustained load against a slow trigger, large fired bodies across continue-as-new,
// and a worker SIGKILLed mid-backlog. Every test counts what reached the receiver and prints
// `[volume]` figures.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { applyResource } from '../../src/control/resources.js';
import type { SensorWorkflowOptions } from '../../src/vocabulary/sensor-api.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { waitFor } from '../support/wait-for.js';
import { runExplain } from '../../src/cli/commands/explain.js';
import { runHistoryPages, sensorRunIds } from '../../src/audit/sensor-history.js';
import type { Decision } from '../../src/engine/types.js';

let e: RunningEventide;
let capture: CaptureServer;
const workers: WorkerProcess[] = [];

function report(what: string, figures: Record<string, number | string>) {
  console.log(`[volume] ${what}: ${JSON.stringify(figures)}`);
}

before(async () => {
  capture = await startCaptureServer();
  e = await startTestEventide({ worker: false, ingress: false });
});

after(async () => {
  for (const w of workers)
    if (w.output.length > 0) console.log(`[volume] worker output tail:\n${w.output.slice(-30).join('\n')}`);
  for (const w of workers) await w.kill();
  await e?.stop();
  await capture?.close();
});

/** The running worker, or a new one when none runs (tests may run alone). */
async function ensureWorker(): Promise<WorkerProcess> {
  const alive = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null);
  return alive ?? startWorker();
}

async function startWorker(): Promise<WorkerProcess> {
  const w = startWorkerProcess(e.address, {
    EVENTIDE_WORKER_LOG_LEVEL: process.env.VOLUME_WORKER_LOG_LEVEL ?? 'ERROR',
  });
  workers.push(w);
  await w.ready;
  return w;
}

/** An http-trigger Sensor posting each event's id (and `data.body`, if any) to /<name>. */
async function applySensor(name: string, options: SensorWorkflowOptions, forwardBody = false) {
  const payload: Record<string, unknown>[] = [
    { src: { dependencyName: 'hit', contextKey: 'id' }, dest: 'id' },
  ];
  if (forwardBody) payload.push({ src: { dependencyName: 'hit', dataKey: 'body' }, dest: 'data' });
  const [m] = validManifests(
    sensor(name, {
      dependencies: [{ name: 'hit', eventSourceName: 'src', eventName: 'hit' }],
      triggers: [
        {
          template: { name: 'post', http: { url: `${capture.url}/${name}`, method: 'POST', payload } },
          retryStrategy: { steps: 5, duration: '200ms' },
        },
      ],
    }),
  );
  await applyResource(e.client, m!, { taskQueue: e.taskQueue, sensorOptions: options });
  return e.client.workflow.getHandle(sensorWorkflowId('default', name));
}

const hit = (id: string, data: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id,
  source: 'src',
  subject: 'hit',
  data,
});

/** Sends every item with `concurrency` signals in flight; returns how many were refused. */
async function sendAll<T>(items: T[], concurrency: number, send: (item: T) => Promise<unknown>) {
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        try {
          await send(item);
        } catch {
          refused++;
        }
      }
    }),
  );
  return refused;
}

/** Receiver-side figures for one Sensor's path: distinct event ids and Idempotency-Keys. */
function received(name: string) {
  const reqs = capture.requests.filter((r) => r.url === `/${name}`);
  const ids = new Set(reqs.map((r) => (JSON.parse(r.body) as { id: string }).id));
  const keys = new Set(reqs.map((r) => String(r.headers['idempotency-key'])));
  return { requests: reqs.length, ids, keys };
}

/** Wait, and on a timeout print where the Sensor stands before failing. */
async function waitOrExplain<T>(
  handle: { describe(): Promise<{ historyLength: number; runId: string }>; workflowId: string },
  ...args: Parameters<typeof waitFor<T>>
): Promise<T> {
  try {
    return await waitFor(...args);
  } catch (err) {
    const d = await handle.describe().catch(() => undefined);
    console.log(`[volume] stuck: history ${d?.historyLength}, runs ${await runsOf(handle.workflowId)}`);
    for await (const run of e.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) {
      const history = await e.client.workflow
        .getHandle(handle.workflowId, run.runId)
        .fetchHistory()
        .catch(() => undefined);
      const kinds = new Map<string, number>();
      for (const ev of history?.events ?? [])
        kinds.set(String(ev.eventType), (kinds.get(String(ev.eventType)) ?? 0) + 1);
      console.log(
        `[volume] run ${run.runId} ${run.status.name} event types: ${JSON.stringify(Object.fromEntries(kinds))}`,
      );
      for (const ev of (history?.events ?? [])
        .filter((x) => x.activityTaskCompletedEventAttributes || x.activityTaskScheduledEventAttributes)
        .slice(0, 4))
        console.log(
          `[volume]   ${JSON.stringify(ev.activityTaskScheduledEventAttributes?.activityType ?? ev.activityTaskCompletedEventAttributes?.result).slice(0, 300)}`,
        );
    }
    const urls = new Map<string, number>();
    for (const r of capture.requests) urls.set(r.url, (urls.get(r.url) ?? 0) + 1);
    console.log(`[volume] capture: ${JSON.stringify(Object.fromEntries(urls))}`);
    throw err;
  }
}

/** How many times each run of a workflow scheduled an activity of this type, summed over its runs. */
async function activitiesScheduled(workflowId: string, activityType: string): Promise<number> {
  let n = 0;
  for (const runId of await sensorRunIds(e.client, workflowId))
    for await (const page of runHistoryPages(e.client, workflowId, runId))
      for (const ev of page)
        if (ev.activityTaskScheduledEventAttributes?.activityType?.name === activityType) n++;
  return n;
}

async function runsOf(workflowId: string): Promise<number> {
  return (await runLengths(workflowId)).length;
}

/**
 * The history length of every run of a workflow id, oldest first. Visibility lags behind
 * continue-as-new, so this waits until the list includes the run that is current now.
 */
async function runLengths(workflowId: string): Promise<number[]> {
  const current = (await e.client.workflow.getHandle(workflowId).describe()).runId;
  return waitFor(
    async () => {
      const runs: { start: number; length: number; runId: string }[] = [];
      for await (const r of e.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
        runs.push({ start: r.startTime.getTime(), length: r.historyLength, runId: r.runId });
      if (!runs.some((r) => r.runId === current)) return undefined;
      return runs.sort((a, b) => a.start - b.start).map((r) => r.length);
    },
    { timeoutMs: 10_000, intervalMs: 250, what: `visibility to list the current run of ${workflowId}` },
  );
}

test('a 2,100-event backlog queued while no worker runs drains, each event fired once', async () => {
  const name = 'backlog';
  const started = Date.now();
  const handle = await applySensor(name, {});
  const ids = Array.from({ length: 2100 }, (_, i) => `b-${i}`);
  // Half as single-event signals (as `temporal workflow signal` sends), half in lists of 50 (as the ingress batches).
  const singles = ids.slice(0, 1050);
  const batches: string[][] = [];
  for (let i = 1050; i < ids.length; i += 50) batches.push(ids.slice(i, i + 50));
  assert.equal(await sendAll(singles, 16, (id) => handle.signal('event', hit(id))), 0);
  assert.equal(
    await sendAll(batches, 4, (b) =>
      handle.signal(
        'event',
        b.map((id) => hit(id)),
      ),
    ),
    0,
  );
  const queuedAt = Date.now();
  const w = await startWorker();
  await waitFor(() => received(name).ids.size === ids.length, {
    timeoutMs: 180_000,
    intervalMs: 500,
    what: `all ${ids.length} events fired`,
  });
  const r = received(name);
  const figures = {
    events: ids.length,
    fires: r.ids.size,
    requests: r.requests,
    duplicates: r.requests - r.keys.size,
    rolls: (await runsOf(handle.workflowId)) - 1,
    // A backlog of 2,100 needs many tasks: each ends by scheduling the no-op yield activity,
    // which wakes the next at once (a 1 ms timer fired ~0.9 s late on this server).
    yields: await activitiesScheduled(handle.workflowId, 'sensorYield'),
    seconds: (Date.now() - queuedAt) / 1000,
    totalSeconds: (Date.now() - started) / 1000,
  };
  report('2,100-event backlog', figures);
  assert.ok(figures.yields >= 1, `the Sensor yielded between tasks by activity (${figures.yields} yields)`);
  assert.equal(r.keys.size, ids.length, 'one Idempotency-Key per event');
  assert.ok(w.child.exitCode === null, `the worker stays up:\n${w.output.slice(-20).join('\n')}`);
  assert.equal((await handle.describe()).status.name, 'RUNNING');
});

// Every event's fire waits 200 ms at the receiver while ~80 events/s arrive for 20 s, so fires
// are always in flight when the history limit is reached: the Sensor must roll with them running.
// The limit is low because batched signals and fires keep the history small (~1 event per fire).
test('a slow trigger under sustained load rolls over repeatedly and never refuses a signal', async () => {
  const name = 'slow';
  capture.delayNext(1_000_000, 200);
  await ensureWorker();
  const handle = await applySensor(name, { historyEventLimit: 250, maxInflightFires: 50 });
  const started = Date.now();
  const ids: string[] = [];
  let refused = 0;
  // ~20 s of 4 senders, each sending a batch of 5 events every 250 ms (~80 events/s).
  let n = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() - started < 20_000) {
        const batch = Array.from({ length: 5 }, () => `s-${n++}`);
        try {
          await handle.signal(
            'event',
            batch.map((id) => hit(id)),
          );
          ids.push(...batch);
        } catch {
          refused++;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }),
  );
  await waitOrExplain(handle, () => ids.every((id) => received(name).ids.has(id)), {
    timeoutMs: 180_000,
    intervalMs: 500,
    what: `all ${ids.length} events fired`,
  });
  capture.delayNext(0, 0);
  const r = received(name);
  const lengths = await runLengths(handle.workflowId);
  const rolls = lengths.length - 1;
  report('slow trigger, sustained load', {
    historyPerRun: lengths.join(' '),
    events: ids.length,
    fires: r.ids.size,
    requests: r.requests,
    duplicates: r.requests - r.keys.size,
    refused,
    rolls,
    seconds: (Date.now() - started) / 1000,
  });
  assert.equal(refused, 0, 'no signal refused');
  assert.equal(r.keys.size, ids.length, 'one Idempotency-Key per event');
  assert.ok(rolls >= 2, `rolled over repeatedly (rolls: ${rolls})`);
});

// Issue 10's failure 4: a Sensor whose fires carry 20 KB bodies was TERMINATED at continue-as-new
// (the carried decisions held every fired payload). Four waves of 150 events, each fired before
// the next, and a 4 MB history-bytes limit make it roll after every wave with fired payloads in
// its decision ring; `explain` must then show every decision across the runs.
test('a Sensor forwarding 20 KB bodies with a small history limit survives three rolls', async () => {
  const name = 'bigbody';
  capture.delayNext(0, 0);
  await ensureWorker();
  const handle = await applySensor(
    name,
    { historyEventLimit: 2000, historyBytesLimit: 4 * 1024 * 1024 },
    true,
  );
  const body = 'x'.repeat(20 * 1024);
  const started = Date.now();
  const ids = Array.from({ length: 600 }, (_, i) => `big-${i}`);
  let refused = 0;
  for (let wave = 0; wave < 4; wave++) {
    const mine = ids.slice(wave * 150, (wave + 1) * 150);
    refused += await sendAll(mine, 8, (id) => handle.signal('event', hit(id, { body })));
    await waitOrExplain(handle, () => mine.every((id) => received(name).ids.has(id)), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: `wave ${wave + 1} of 150 events fired`,
    });
  }
  await waitOrExplain(handle, async () => (await runsOf(handle.workflowId)) >= 4, {
    timeoutMs: 30_000,
    intervalMs: 1000,
    what: 'three rolls',
  });
  const r = received(name);
  const rolls = (await runsOf(handle.workflowId)) - 1;
  process.env.TEMPORAL_ADDRESS = e.address;
  const lines: string[] = [];
  await runExplain(
    'sensor',
    name,
    { output: 'json' },
    (l) => lines.push(l),
    () => undefined,
  );
  const explained = (JSON.parse(lines.join('\n')) as { decisions: Decision[] }).decisions;
  const firedIds = new Set(explained.flatMap((d) => (d.kind === 'fired' ? Object.values(d.events) : [])));
  report('20 KB bodies, history limit 2,000 events / 4 MB', {
    events: ids.length,
    fires: r.ids.size,
    requests: r.requests,
    duplicates: r.requests - r.keys.size,
    refused,
    rolls,
    explainedFires: firedIds.size,
    seconds: (Date.now() - started) / 1000,
  });
  assert.equal(refused, 0);
  assert.equal(r.keys.size, ids.length);
  assert.ok(
    capture.requests
      .filter((q) => q.url === `/${name}`)
      .every((q) => (JSON.parse(q.body) as { data: string }).data === body),
    'every fire carried the full body',
  );
  assert.equal((await handle.describe()).status.name, 'RUNNING');
  assert.deepEqual([...firedIds].sort(), [...ids].sort(), 'explain shows every fire across the runs');
});

// Issue 10's failure 1: a worker SIGKILLed while a 3,000-event backlog drains, then replaced.
test('kill -9 of the worker mid-backlog of 3,000 events: nothing lost, no duplicate effect, worker stays up', async () => {
  const name = 'killed';
  for (const w of workers) await w.kill();
  const handle = await applySensor(name, { triggerHeartbeatTimeoutMs: 3000 });
  const ids = Array.from({ length: 3000 }, (_, i) => `k-${i}`);
  const started = Date.now();
  const first = await startWorker();
  // Send while the worker drains, and kill it once a few hundred fired.
  const sending = sendAll(ids, 8, (id) => handle.signal('event', hit(id)));
  await waitFor(() => received(name).ids.size >= 300, {
    timeoutMs: 45_000,
    what: '300 fires before the kill',
  });
  await first.kill('SIGKILL');
  const firedAtKill = received(name).ids.size;
  const refused = await sending;
  const second = await startWorker();
  // The whole remaining backlog (~2,700) is queued by now: ~50 fires/s on this box.
  await waitOrExplain(handle, () => received(name).ids.size === ids.length, {
    timeoutMs: 150_000,
    intervalMs: 500,
    what: `all ${ids.length} events fired`,
  });
  const r = received(name);
  report('kill -9 mid-backlog', {
    events: ids.length,
    firedAtKill,
    fires: r.ids.size,
    requests: r.requests,
    duplicateEffects: r.ids.size - r.keys.size,
    resentRequests: r.requests - r.keys.size,
    refused,
    seconds: (Date.now() - started) / 1000,
  });
  assert.equal(refused, 0);
  assert.equal(
    r.keys.size,
    ids.length,
    'one Idempotency-Key per event: a resend after the kill reuses its key',
  );
  assert.ok(
    second.child.exitCode === null,
    `the new worker stays up:\n${second.output.slice(-20).join('\n')}`,
  );
  assert.ok(
    !second.output.some((l) => l.includes('async hook stack')),
    `no isolate crash:\n${second.output.slice(-20).join('\n')}`,
  );
});
