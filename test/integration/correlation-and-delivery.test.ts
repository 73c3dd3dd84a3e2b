// Durable correlation and delivery on a real dev server: correlation windows (cron resets are in
// fault-tolerance.test.ts, with the tick falling while no worker runs),
// rate limits, retries with one idempotency key, dlqTrigger — and `explain` reproducing
// exactly the decisions the live Sensor made.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { replayDecisions } from '../../src/audit/replay-decisions.js';
import { sensorHistories } from '../../src/audit/sensor-history.js';
import type { CloudEvent } from '../../src/engine/cloudevent.js';
import type { Decision } from '../../src/engine/types.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, sensorDecisions, startTestEventide, validManifests } from '../support/eventide.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';

let e: RunningEventide;
let capture: CaptureServer;

function httpTrigger(
  name: string,
  path: string,
  extra: Record<string, unknown> = {},
  template: Record<string, unknown> = {},
) {
  return {
    template: {
      name,
      http: {
        url: `${capture.url}${path}`,
        method: 'POST',
        payload: [{ src: { dependencyName: 'a', dataKey: 'n', value: 'none' }, dest: 'n' }],
      },
      ...template,
    },
    ...extra,
  };
}

const deps = [
  { name: 'a', eventSourceName: 'src', eventName: 'a' },
  { name: 'b', eventSourceName: 'src', eventName: 'b' },
];

async function send(sensorName: string, id: string, subject: string, data: unknown = {}) {
  const event: CloudEvent = { specversion: '1.0', id, source: 'src', subject, type: 'test', data };
  await e.client.workflow.getHandle(sensorWorkflowId('default', sensorName)).signal('event', event);
}

/** explain's replay must reproduce the decisions the live workflow reported. */
async function assertExplainMatches(name: string) {
  const live = await sensorDecisions(e, name);
  const runs = await replayDecisions(await sensorHistories(e.client, sensorWorkflowId('default', name)));
  assert.deepEqual(
    runs.map((r) => r.error),
    runs.map(() => undefined),
    'every run replays',
  );
  const replayed: Decision[] = runs.flatMap((r) => r.decisions);
  assert.deepEqual(replayed, live);
  return replayed;
}

before(async () => {
  capture = await startCaptureServer();
  e = await startTestEventide({
    ingress: false,
    manifests: validManifests(
      sensor('window', {
        dependencies: deps,
        triggers: [httpTrigger('pair', '/window', {}, { conditions: 'a && b', correlationWindow: '2s' })],
      }),
      sensor('limited', {
        dependencies: [deps[0]],
        triggers: [httpTrigger('limited', '/limited', { rateLimit: { unit: 'Second', requestsPerUnit: 2 } })],
      }),
      sensor('flaky', {
        dependencies: [deps[0]],
        triggers: [
          httpTrigger('flaky', '/flaky', { retryStrategy: { steps: 5, duration: '200ms', factor: 1 } }),
        ],
      }),
      sensor('dead', {
        dependencies: [deps[0]],
        triggers: [
          httpTrigger('doomed', '/doomed', {
            retryStrategy: { steps: 2, duration: '100ms' },
            atLeastOnce: true,
            policy: { status: { allow: [200] } },
            dlqTrigger: {
              template: {
                name: 'to-dlq',
                http: {
                  url: `${capture.url}/dlq`,
                  method: 'POST',
                  payload: [{ src: { dependencyName: 'a', dataKey: 'n' }, dest: 'lost' }],
                },
              },
              atLeastOnce: true,
            },
          }),
        ],
      }),
    ),
  });
});

after(async () => {
  await e?.stop();
  await capture?.close();
});

describe('correlation window', () => {
  test('A && B within 2 s fires when B comes 1 s after A, not when it comes 3 s after', async () => {
    await send('window', 'w1-a', 'a', { n: 1 });
    await sleep(1000);
    await send('window', 'w1-b', 'b');
    await waitFor(() => capture.requests.some((r) => r.url === '/window'), {
      what: 'the first pair to fire',
    });
    await send('window', 'w2-a', 'a', { n: 2 });
    await sleep(3000);
    await send('window', 'w2-b', 'b');
    const decisions = await waitFor(async () => {
      const d = await sensorDecisions(e, 'window');
      return d.some((x) => x.kind === 'held' && x.eventId === 'w2-b') ? d : undefined;
    });
    assert.equal(capture.requests.filter((r) => r.url === '/window').length, 1, 'only the first pair fired');
    const expired = decisions.find((d) => d.kind === 'expired');
    assert.ok(expired && expired.kind === 'expired' && expired.eventId === 'w2-a');
    const fired = decisions.filter((d) => d.kind === 'fired');
    assert.deepEqual(
      fired.map((d) => d.kind === 'fired' && d.events),
      [{ a: 'w1-a', b: 'w1-b' }],
    );
    await assertExplainMatches('window');
  });
});

describe('rate limit', () => {
  test('2 per second over 10 events: all 10 fire, never 3 within one second', async () => {
    for (let i = 0; i < 10; i++) await send('limited', `rl-${i}`, 'a', { n: i });
    const reqs = await waitFor(
      () => {
        const r = capture.requests.filter((x) => x.url === '/limited');
        return r.length >= 10 ? r : undefined;
      },
      { timeoutMs: 30_000, what: '10 rate-limited fires' },
    );
    await sleep(500);
    assert.equal(capture.requests.filter((x) => x.url === '/limited').length, 10, 'nothing fired twice');
    const times = reqs.map((r) => r.at).sort((a, b) => a - b);
    for (let i = 2; i < times.length; i++) {
      assert.ok(
        times[i]! - times[i - 2]! >= 1000,
        `requests ${i - 2} and ${i} are ${times[i]! - times[i - 2]!} ms apart`,
      );
    }
    const got = reqs.map((r) => JSON.parse(r.body).n).sort((a: string, b: string) => Number(a) - Number(b));
    assert.deepEqual(got, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const decisions = await assertExplainMatches('limited');
    assert.ok(decisions.filter((d) => d.kind === 'rate-limited').length >= 1, 'some fires were queued');
  });
});

describe('retries', () => {
  test('a trigger failing 3 times then succeeding is delivered once, all attempts with one idempotency key', async () => {
    capture.failNext(3);
    await send('flaky', 'fl-1', 'a', { n: 7 });
    const decisions = await waitFor(
      async () => {
        const d = await sensorDecisions(e, 'flaky');
        return d.some((x) => x.kind === 'result') ? d : undefined;
      },
      { timeoutMs: 20_000 },
    );
    const reqs = capture.requests.filter((r) => r.url === '/flaky');
    assert.equal(reqs.length, 4, 'three failures and one success');
    assert.equal(
      new Set(reqs.map((r) => r.headers['idempotency-key'])).size,
      1,
      'one idempotency key for every attempt',
    );
    const result = decisions.find((d) => d.kind === 'result');
    assert.ok(result && result.kind === 'result');
    assert.equal(result.outcome, 'succeeded');
    assert.equal(result.attempts, 4);
    await assertExplainMatches('flaky');
  });

  test('dlqTrigger fires with the same events when retries run out', async () => {
    capture.failNext(2);
    await send('dead', 'dl-1', 'a', { n: 'precious' });
    const dlq = await waitFor(() => capture.requests.find((r) => r.url === '/dlq'), {
      timeoutMs: 20_000,
      what: 'the dlqTrigger',
    });
    assert.deepEqual(JSON.parse(dlq.body), { lost: 'precious' });
    assert.equal(
      capture.requests.filter((r) => r.url === '/doomed').length,
      2,
      'both attempts were made first',
    );
    const decisions = await waitFor(async () => {
      const d = await sensorDecisions(e, 'dead');
      return d.filter((x) => x.kind === 'result').length >= 2 ? d : undefined;
    });
    const failed = decisions.find((d) => d.kind === 'result' && d.outcome === 'failed');
    assert.ok(
      failed && failed.kind === 'result' && failed.attempts === 2 && /answered 500/.test(failed.error ?? ''),
    );
    const dlqFire = decisions.find((d) => d.kind === 'fired' && d.dlqOf);
    assert.ok(dlqFire && dlqFire.kind === 'fired');
    assert.deepEqual(dlqFire.events, { a: 'dl-1' });
    await assertExplainMatches('dead');
  });
});
