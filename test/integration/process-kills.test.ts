// kill -9 of the ingress and of the Temporal dev server while thousands of events are posted:
// every event that got a 2xx fires exactly once. Senders behave as real ones do: an event that
// got no 2xx (refused connection, reset, 5xx) is sent again with the same Idempotency-Key, so a
// request accepted just before the kill and retried after it must not fire twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { freePort, startDevServer } from '../../src/temporal/dev-server.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests, webhookEventSource } from '../support/eventide.js';
import { startIngressProcess, type WorkerProcess } from '../support/worker-process.js';
import { sleep, waitFor } from '../support/wait-for.js';

const EVENTS = Number(process.env.EVENTIDE_KILL_TEST_EVENTS ?? 3000);
const SENDERS = 8;

function report(what: string, figures: Record<string, number | string>) {
  console.log(`[kills] ${what}: ${JSON.stringify(figures)}`);
}

function manifests(webhookPort: number, captureUrl: string) {
  return validManifests(
    webhookEventSource('orders', {
      created: { port: String(webhookPort), endpoint: '/orders', method: 'POST' },
    }),
    sensor('orders', {
      dependencies: [{ name: 'o', eventSourceName: 'orders', eventName: 'created' }],
      triggers: [
        {
          template: {
            name: 'record',
            http: {
              url: `${captureUrl}/orders`,
              method: 'POST',
              payload: [{ src: { dependencyName: 'o', dataKey: 'body.n' }, dest: 'n' }],
            },
          },
          retryStrategy: { steps: 5, duration: '200ms' },
        },
      ],
    }),
  );
}

/** Posts event n until it gets a 2xx; counts the attempts that did not. */
async function postUntilAccepted(url: string, n: number, deadline: number): Promise<number> {
  let failures = 0;
  for (;;) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `order-${n}` },
        body: JSON.stringify({ n }),
        signal: AbortSignal.timeout(15_000),
      });
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 300) return failures;
    } catch {
      // refused or reset by the kill: send again, as a sender with retries would
    }
    failures++;
    if (Date.now() > deadline) throw new Error(`event ${n} got no 2xx after ${failures} attempts`);
    await sleep(100);
  }
}

/** Sends EVENTS events from SENDERS senders; `accepted` grows as each one gets its 2xx. */
async function sendAll(url: string, accepted: Set<number>) {
  let next = 0;
  let resent = 0;
  const deadline = Date.now() + 240_000;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < EVENTS) {
        const n = next++;
        resent += await postUntilAccepted(url, n, deadline);
        accepted.add(n);
      }
    }),
  );
  return resent;
}

/** What reached the receiver: distinct events and Idempotency-Keys. */
function received(capture: CaptureServer) {
  const reqs = capture.requests.filter((r) => r.url === '/orders');
  return {
    requests: reqs.length,
    events: new Set(reqs.map((r) => Number((JSON.parse(r.body) as { n: number }).n))),
    keys: new Set(reqs.map((r) => String(r.headers['idempotency-key']))),
  };
}

async function allFired(capture: CaptureServer) {
  return waitFor(() => (received(capture).events.size >= EVENTS ? received(capture) : undefined), {
    timeoutMs: 180_000,
    intervalMs: 500,
    what: `all ${EVENTS} events fired (got ${received(capture).events.size})`,
  });
}

/**
 * Sends EVENTS events to `url`; once a sixth got its 2xx, `crash()` kills a process and
 * `recover()` starts its successor. Then checks each event fired once at the receiver.
 */
async function killMidStream(
  what: string,
  url: string,
  capture: CaptureServer,
  crash: () => Promise<void>,
  recover: () => Promise<void>,
) {
  const accepted = new Set<number>();
  const started = Date.now();
  let acceptedAtKill = 0;
  const killer = (async () => {
    await waitFor(() => accepted.size >= EVENTS / 6, { timeoutMs: 120_000, what: 'a sixth accepted' });
    await crash();
    acceptedAtKill = accepted.size;
    await sleep(500);
    await recover();
  })();
  const [resent] = await Promise.all([sendAll(url, accepted), killer]);
  const r = await allFired(capture);
  report(what, {
    events: EVENTS,
    acceptedAtKill,
    accepted2xx: accepted.size,
    resentAfterNo2xx: resent,
    fired: r.events.size,
    requests: r.requests,
    distinctKeys: r.keys.size,
    seconds: (Date.now() - started) / 1000,
  });
  assert.equal(accepted.size, EVENTS);
  assert.equal(r.keys.size, EVENTS, 'one Idempotency-Key per event: a resent event did not fire twice');
}

describe('the ingress killed -9 while events are posted', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let webhookPort: number;
  const ingresses: WorkerProcess[] = [];

  before(async () => {
    capture = await startCaptureServer();
    webhookPort = await freePort();
    e = await startTestEventide({ ingress: false, manifests: manifests(webhookPort, capture.url) });
  });

  after(async () => {
    for (const i of ingresses) await i.kill();
    await e?.stop();
    await capture?.close();
  });

  async function startIngress() {
    const i = startIngressProcess(e.address);
    ingresses.push(i);
    await i.ready;
    return i;
  }

  test(`${EVENTS} events, ingress SIGKILLed and restarted mid-stream: each 2xx'd event fires once`, async () => {
    const first = await startIngress();
    await killMidStream(
      'ingress kill -9',
      `http://127.0.0.1:${webhookPort}/orders`,
      capture,
      () => first.kill('SIGKILL'),
      async () => void (await startIngress()),
    );
  });
});

describe('the Temporal dev server killed -9 while events are posted', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let webhookPort: number;
  let temporalPort: number;
  let dbFilename: string;

  before(async () => {
    capture = await startCaptureServer();
    webhookPort = await freePort();
    temporalPort = await freePort();
    dbFilename = join(mkdtempSync(join(tmpdir(), 'eventide-kill-')), 'temporal.db');
    e = await startTestEventide({
      devServer: { uiPort: false, port: temporalPort, dbFilename },
      manifests: manifests(webhookPort, capture.url),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  test(`${EVENTS} events, dev server SIGKILLed and restarted on its database: each 2xx'd event fires once`, async () => {
    const url = `http://127.0.0.1:${webhookPort}/orders`;
    // The ingress learns its routes from Temporal: wait until it serves before sending.
    await waitFor(async () => (await fetch(url, { method: 'GET' }).catch(() => undefined)) !== undefined, {
      timeoutMs: 30_000,
      what: 'the webhook route served',
    });
    await killMidStream(
      'dev server kill -9',
      url,
      capture,
      () => e.devServer!.kill(),
      async () => {
        e.devServer = await startDevServer({ port: temporalPort, dbFilename, uiPort: false });
      },
    );
  });
});
