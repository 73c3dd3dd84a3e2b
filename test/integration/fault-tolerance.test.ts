// Faults on a real dev server: a worker SIGKILLed mid-trigger, a reset tick missed while no
// worker ran, and poison events (kills of the ingress and the server: process-kills.test.ts). Each test prints its figures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
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
import { sleep, waitFor } from '../support/wait-for.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';

function report(what: string, figures: Record<string, number | string>) {
  console.log(`[fault] ${what}: ${JSON.stringify(figures)}`);
}

describe('a worker killed while a trigger runs', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  const workers: WorkerProcess[] = [];

  before(async () => {
    capture = await startCaptureServer();
    e = await startTestEventide({
      worker: false,
      ingress: false,
      sensorOptions: { triggerHeartbeatTimeoutMs: 3000 },
      manifests: validManifests(
        sensor('slowpoke', {
          dependencies: [{ name: 'a', eventSourceName: 'src', eventName: 'a' }],
          triggers: [
            {
              template: {
                name: 'slow',
                http: {
                  url: `${capture.url}/slow`,
                  method: 'POST',
                  payload: [{ src: { dependencyName: 'a', contextKey: 'id' }, dest: 'id' }],
                },
              },
              retryStrategy: { steps: 5, duration: '500ms' },
            },
          ],
        }),
      ),
    });
  });

  after(async () => {
    for (const w of workers) await w.kill();
    await e?.stop();
    await capture?.close();
  });

  test('the trigger completes exactly once after a new worker starts', async () => {
    const first = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(first);
    await first.ready;
    capture.delayNext(1, 10_000);
    await e.client.workflow
      .getHandle(sensorWorkflowId('default', 'slowpoke'))
      .signal('event', { specversion: '1.0', id: 'kill-1', source: 'src', subject: 'a', data: {} });
    await waitFor(() => capture.requests.some((r) => r.url === '/slow'), {
      what: 'the trigger to reach the capture server',
    });
    await first.kill('SIGKILL');
    const second = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(second);
    await second.ready;
    const decisions = await waitFor(
      async () => {
        const d = await sensorDecisions(e, 'slowpoke');
        return d.some((x) => x.kind === 'result') ? d : undefined;
      },
      { timeoutMs: 30_000, what: 'the retried trigger to complete' },
    );
    const reqs = capture.requests.filter((r) => r.url === '/slow');
    const keys = new Set(reqs.map((r) => r.headers['idempotency-key']));
    report('worker SIGKILL mid-trigger', { requests: reqs.length, distinctIdempotencyKeys: keys.size });
    assert.equal(
      keys.size,
      1,
      'every attempt carried the same idempotency key: the downstream processes it once',
    );
    assert.ok(reqs.length >= 2, 'the attempt cut off by the kill was retried');
    assert.equal(decisions.filter((d) => d.kind === 'fired').length, 1);
    const results = decisions.filter((d) => d.kind === 'result');
    assert.equal(results.length, 1);
    assert.ok(results[0]!.kind === 'result' && results[0]!.outcome === 'succeeded');
  });
});

describe('a conditionsReset tick that fell while no worker ran (Argo #1543)', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  const workers: WorkerProcess[] = [];

  before(async () => {
    capture = await startCaptureServer();
    e = await startTestEventide({
      worker: false,
      ingress: false,
      manifests: validManifests(
        sensor('nightly', {
          dependencies: [
            { name: 'a', eventSourceName: 'src', eventName: 'a' },
            { name: 'b', eventSourceName: 'src', eventName: 'b' },
          ],
          triggers: [
            {
              template: {
                name: 'pair',
                conditions: 'a && b',
                conditionsReset: [{ byTime: { cron: '* * * * *' } }],
                http: { url: `${capture.url}/pair`, method: 'POST' },
              },
            },
          ],
        }),
      ),
    });
  });

  after(async () => {
    for (const w of workers) await w.kill();
    await e?.stop();
    await capture?.close();
  });

  test('after a restart, events held before the missed tick are dropped', async () => {
    const first = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(first);
    await first.ready;
    // Start early enough in a minute that A is held well before the next tick.
    const intoMinute = () => Date.now() % 60_000;
    if (intoMinute() > 40_000) await sleep(60_000 - intoMinute() + 2000);
    const handle = e.client.workflow.getHandle(sensorWorkflowId('default', 'nightly'));
    await handle.signal('event', { specversion: '1.0', id: 'held-a', source: 'src', subject: 'a', data: {} });
    await waitFor(async () => (await sensorDecisions(e, 'nightly')).some((d) => d.kind === 'held'));
    await first.kill('SIGKILL');
    const tick = Math.ceil(Date.now() / 60_000) * 60_000;
    await sleep(tick - Date.now() + 3000);
    const second = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
    workers.push(second);
    await second.ready;
    const decisions = await waitFor(
      async () => {
        const d = await sensorDecisions(e, 'nightly');
        return d.some((x) => x.kind === 'reset' && x.dropped.length > 0) ? d : undefined;
      },
      { timeoutMs: 30_000, what: 'the missed reset to run once a worker is back' },
    );
    const reset = decisions.find((d) => d.kind === 'reset' && d.dropped.length > 0);
    assert.ok(reset && reset.kind === 'reset');
    assert.equal(reset.scheduledAt, tick, 'the reset is the tick that fell while no worker ran');
    assert.deepEqual(reset.dropped, [{ dependency: 'a', eventId: 'held-a' }]);
    await handle.signal('event', { specversion: '1.0', id: 'late-b', source: 'src', subject: 'b', data: {} });
    await waitFor(async () =>
      (await sensorDecisions(e, 'nightly')).some((d) => d.kind === 'held' && d.eventId === 'late-b'),
    );
    assert.equal(capture.requests.length, 0, 'B alone does not pair with the stale A');
    report('reset missed while down', {
      heldBeforeTick: 1,
      droppedAfterRestart: reset.dropped.length,
      fired: 0,
    });
  });
});

describe('poison events', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let port: number;

  before(async () => {
    capture = await startCaptureServer();
    port = await freePort();
    e = await startTestEventide({
      manifests: validManifests(
        webhookEventSource('poison', {
          any: { port: String(port), endpoint: '/any', method: 'POST' },
          loop: { port: String(port), endpoint: '/loop', method: 'POST' },
        }),
        sensor('poison', {
          dependencies: [
            {
              name: 'any',
              eventSourceName: 'poison',
              eventName: 'any',
              filters: { data: [{ path: 'body.ok', type: 'bool', value: ['true'] }] },
            },
            {
              name: 'looping',
              eventSourceName: 'poison',
              eventName: 'loop',
              filters: { script: 'while true do end return true' },
            },
            {
              name: 'spinning',
              eventSourceName: 'poison',
              eventName: 'loop',
              transform: { script: 'local i = 0 while true do i = i + 1 end' },
            },
          ],
          triggers: [
            {
              template: { name: 'ok', conditions: 'any', http: { url: `${capture.url}/ok`, method: 'POST' } },
            },
            { template: { name: 'never', conditions: 'looping || spinning', log: {} } },
          ],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  const post = (path: string, body: Buffer | string, type = 'application/json') =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  test('invalid UTF-8 and a megabyte of nesting are refused at the door with 400', async () => {
    const bad = await post('/any', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    assert.equal(bad.status, 400);
    const deep = await post('/any', '['.repeat(524_288) + ']'.repeat(524_288));
    assert.equal(deep.status, 400);
    assert.match(((await deep.json()) as { message: string }).message, /nests deeper/);
  });

  test('a looping Lua filter and transform reject the event, and the Sensor keeps working', async () => {
    const res = await post('/loop', '{"x":1}');
    assert.equal(res.status, 200);
    const handle = e.client.workflow.getHandle(sensorWorkflowId('default', 'poison'));
    await handle.signal('event', {
      specversion: '1.0',
      id: 'bad-bytes',
      source: 'poison',
      subject: 'any',
      data_base64: '//79',
    });
    const ok = await post('/any', '{"ok":true}');
    assert.equal(ok.status, 200);
    await waitFor(() => capture.requests.some((r) => r.url === '/ok'), {
      what: 'the healthy trigger after the poison',
    });
    const decisions = await sensorDecisions(e, 'poison');
    const loopEvent = decisions.find((d) => d.kind === 'event' && d.subject === 'loop');
    assert.ok(loopEvent && loopEvent.kind === 'event');
    const verdicts = Object.fromEntries(loopEvent.dependencies.map((v) => [v.name, v]));
    assert.equal(verdicts.looping?.accepted, false);
    assert.match(verdicts.looping?.reason ?? '', /instruction/i);
    assert.equal(verdicts.spinning?.accepted, false);
    assert.match(verdicts.spinning?.reason ?? '', /instruction/i);
    const badBytes = decisions.find((d) => d.kind === 'event' && d.eventId === 'bad-bytes');
    assert.ok(badBytes && badBytes.kind === 'event' && badBytes.dependencies[0]?.accepted === false);
    assert.equal((await handle.describe()).status.name, 'RUNNING');
    report('poison events', { refusedAtIngress: 2, rejectedBySensor: 2, sensorRunning: 'yes' });
  });
});
