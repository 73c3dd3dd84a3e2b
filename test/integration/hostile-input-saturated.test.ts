// Hostile user programs and payloads while the CPU is saturated by competing processes: every
// one is rejected with a decision that says why, the worker process stays up, the Sensor stays
// RUNNING and keeps firing healthy events. The worker runs in a child process so that a crash is
// seen as its exit, not as the test runner dying.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { freePort } from '../../src/temporal/dev-server.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import { waitFor } from '../support/wait-for.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';

/** One dependency per hostile program, each on its own event so their verdicts are separate. */
const HOSTILE: { name: string; body: unknown; dependency: Record<string, unknown> }[] = [
  { name: 'lualoop', body: { x: 1 }, dependency: { filters: { script: 'while true do end return true' } } },
  {
    name: 'luablowup',
    body: { x: 1 },
    dependency: { transform: { script: "local s = 'x' while true do s = s .. s end" } },
  },
  {
    name: 'regexp',
    body: { s: 'x'.repeat(5000) },
    dependency: { filters: { data: [{ path: 'body.s', type: 'string', value: ['(x+x+)+y'] }] } },
  },
  {
    name: 'template',
    body: { s: 'a' },
    dependency: {
      filters: {
        data: [
          {
            path: 'body.s',
            type: 'string',
            value: ['a'],
            template: '{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}',
          },
        ],
      },
    },
  },
  { name: 'jq', body: { x: 1 }, dependency: { transform: { jq: 'last(range(1e15))' } } },
  {
    name: 'deep',
    body: JSON.parse('{"a":'.repeat(900) + '1' + '}'.repeat(900)) as unknown,
    dependency: { filters: { data: [{ path: 'body.a.a.a', type: 'number', value: ['1'] }] } },
  },
  {
    name: 'huge',
    body: { blob: 'z'.repeat(600_000) },
    dependency: {
      filters: { exprs: [{ expr: 'blob == "q"', fields: [{ name: 'blob', path: 'body.blob' }] }] },
    },
  },
];

function busyLoops(n: number): ChildProcess[] {
  return Array.from({ length: n }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

describe('hostile input on a saturated CPU', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let worker: WorkerProcess;
  let port: number;
  let hogs: ChildProcess[] = [];

  before(async () => {
    capture = await startCaptureServer();
    port = await freePort();
    const events = Object.fromEntries(
      [...HOSTILE.map((h) => h.name), 'ok'].map((n) => [
        n,
        { port: String(port), endpoint: `/${n}`, method: 'POST', maxPayloadSize: 2_000_000 },
      ]),
    );
    e = await startTestEventide({
      worker: false,
      manifests: validManifests(
        webhookEventSource('hostile', events),
        sensor('hostile', {
          dependencies: [
            ...HOSTILE.map((h) => ({
              name: h.name,
              eventSourceName: 'hostile',
              eventName: h.name,
              ...h.dependency,
            })),
            { name: 'ok', eventSourceName: 'hostile', eventName: 'ok' },
          ],
          triggers: [
            // A trigger without conditions waits for every dependency (Argo's default), and the
            // hostile ones never resolve: the healthy trigger names its own dependency.
            {
              template: { name: 'ok', conditions: 'ok', http: { url: `${capture.url}/ok`, method: 'POST' } },
            },
            { template: { name: 'never', conditions: HOSTILE.map((h) => h.name).join(' || '), log: {} } },
          ],
        }),
      ),
    });
    worker = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    await worker.ready;
    hogs = busyLoops(2);
  });

  after(async () => {
    for (const h of hogs) h.kill('SIGKILL');
    await worker?.kill();
    await e?.stop();
    await capture?.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** What to look at when the healthy fires do not arrive: fires, decisions, task failures, worker. */
  async function diagnostics(): Promise<string> {
    const lines: string[] = [];
    lines.push(`/ok fires: ${capture.requests.filter((r) => r.url === '/ok').length} of ${HOSTILE.length}`);
    lines.push(`worker exit: ${worker.child.exitCode ?? worker.child.signalCode ?? 'running'}`);
    try {
      const decisions = await sensorDecisions(e, 'hostile');
      lines.push(`decisions (${decisions.length}):`);
      for (const d of decisions) lines.push(`  ${JSON.stringify(d).slice(0, 400)}`);
    } catch (err) {
      lines.push(`decisions query failed: ${String(err)}`);
    }
    try {
      const handle = e.client.workflow.getHandle(sensorWorkflowId('default', 'hostile'));
      const d = await handle.describe();
      lines.push(`status: ${d.status.name}, history length: ${d.historyLength}`);
      const raw = d.raw as { pendingWorkflowTask?: unknown };
      if (raw.pendingWorkflowTask)
        lines.push(`pending workflow task: ${JSON.stringify(raw.pendingWorkflowTask)}`);
      const history = await handle.fetchHistory();
      const failed = (history.events ?? []).filter((ev) => ev.workflowTaskFailedEventAttributes);
      lines.push(`workflow task failures in history: ${failed.length}`);
      for (const ev of failed.slice(-5)) {
        const a = ev.workflowTaskFailedEventAttributes!;
        lines.push(`  cause ${String(a.cause)}: ${a.failure?.message ?? ''}`.slice(0, 400));
      }
      const timedOut = (history.events ?? []).filter((ev) => ev.workflowTaskTimedOutEventAttributes).length;
      lines.push(`workflow task timeouts in history: ${timedOut}`);
    } catch (err) {
      lines.push(`describe/history failed: ${String(err)}`);
    }
    lines.push(`worker output tail:\n${worker.output.slice(-40).join('\n')}`);
    return lines.join('\n');
  }

  test('every hostile event is rejected with its reason while healthy events keep firing', async () => {
    const started = Date.now();
    for (const h of HOSTILE) {
      const res = await post(`/${h.name}`, h.body);
      assert.equal(res.status, 200, `${h.name}: ${await res.text()}`);
      const ok = await post('/ok', { after: h.name });
      assert.equal(ok.status, 200, `/ok after ${h.name}: ${await ok.text()}`);
    }
    try {
      await waitFor(() => capture.requests.filter((r) => r.url === '/ok').length >= HOSTILE.length, {
        what: 'one healthy fire after each hostile event',
        timeoutMs: 240_000,
      });
    } catch (err) {
      console.log(`[diagnostics] hostile input on a saturated CPU:\n${await diagnostics()}`);
      throw err;
    }
    assert.equal(worker.child.exitCode, null, `worker exited:\n${worker.output.join('\n')}`);
    assert.equal(worker.child.signalCode, null);
    assert.ok(!worker.output.some((l) => l.includes('async hook stack')), worker.output.join('\n'));

    const decisions = await sensorDecisions(e, 'hostile');
    const reasons: Record<string, string> = {};
    for (const h of HOSTILE) {
      const d = decisions.find((x) => x.kind === 'event' && x.subject === h.name);
      assert.ok(d && d.kind === 'event', `a decision for ${h.name}`);
      const verdict = d.dependencies.find((v) => v.name === h.name);
      assert.equal(verdict?.accepted, false, `${h.name} is rejected`);
      reasons[h.name] = verdict?.reason ?? '';
    }
    // Programs that cannot finish say which budget they ran out of; the regexp, deep and huge
    // events finish (linear-time regexp, bounded nesting) and are rejected on their merits.
    for (const n of ['lualoop', 'luablowup', 'template', 'jq'])
      assert.match(reasons[n] ?? '', /budget|exceed|limit|instruction|step|depth/i, `${n}: ${reasons[n]}`);
    for (const n of ['regexp', 'huge'])
      assert.match(reasons[n] ?? '', /matches none of|is false/i, `${n}: ${reasons[n]}`);
    const handle = e.client.workflow.getHandle(sensorWorkflowId('default', 'hostile'));
    assert.equal((await handle.describe()).status.name, 'RUNNING');
    // Tasks failed by the real-clock backstop are allowed (Temporal retries them); count them.
    const history = await handle.fetchHistory();
    const taskFailures = (history.events ?? []).filter((ev) => ev.workflowTaskFailedEventAttributes).length;
    console.log(
      `[fault] hostile input on a saturated CPU: ${JSON.stringify({
        hostileEvents: HOSTILE.length,
        healthyFires: capture.requests.filter((r) => r.url === '/ok').length,
        competingBusyLoops: hogs.length,
        workflowTaskFailures: taskFailures,
        workerAlive: 'yes',
        seconds: Math.round((Date.now() - started) / 1000),
        reasons,
      })}`,
    );
  });
});
