// Issue 10's volume figures on a real Temporal dev server (loopback), each beside a floor
// measured in the same run:
//   1. one pure-OR Sensor, webhook → http trigger, N events from C senders: events/s accepted
//      (2xx), fires/s, every event fired exactly once; floor: bare signals/s to a workflow no
//      worker runs (what the server costs per signal) and direct HTTP to the receiver;
//   2. latency at 50 events/s, POST to the trigger's request arriving; floor: the same paced
//      POSTs straight to the receiver;
//   3. an AND Sensor (a && b) fed at the same rate fires the same pairs as the engine's
//      simulation (`eventide simulate`) of the events in the order history shows they arrived;
//   4. 1, 10 and 50 Sensors on one webhook endpoint: aggregate fires/s;
//   5. 1,000 idle Sensors: apply time and worker RSS at +15 s and +60 s (worker in its own
//      process), beside the RSS of the same worker with none.
//   npx tsx bench/sensor-volume.ts [events=20000] [senders=16] [idle=1000]
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { signalsReceived } from '../test/support/history-payloads.js';
import { startTestEventide, sensor, validManifests, webhookEventSource } from '../test/support/eventide.js';
import { startCaptureServer, type CaptureServer } from '../test/support/capture-server.js';
import { startIngressProcess, startWorkerProcess, type WorkerProcess } from '../test/support/worker-process.js';
import { freePort } from '../src/temporal/dev-server.js';
import { applyResource } from '../src/control/resources.js';
import { runHistoryPages, sensorRunIds } from '../src/audit/sensor-history.js';
import { sensorWorkflowId } from '../src/vocabulary/sensor-api.js';
import { Simulation } from '../src/simulate/simulate.js';
import type { CloudEvent } from '../src/engine/cloudevent.js';
import type { SensorManifest } from '../src/vocabulary/manifest-types.js';
import type { RunningEventide } from '../src/runtime/start-eventide.js';

const N = Number(process.argv[2] ?? 20_000);
const SENDERS = Number(process.argv[3] ?? 16);
const IDLE = Number(process.argv[4] ?? 1000);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const row = (label: string, ...cells: (string | number)[]) =>
  console.log(label.padEnd(46) + cells.map((c) => String(c).padStart(12)).join(''));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pool(count: number, senders: number, send: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < count) await send(next++);
    }),
  );
  return performance.now() - t0;
}

// Senders on kept-alive sockets through node:http: fetch costs this process several times the
// CPU per request, and the senders share the 2 cores with what they measure.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, body: unknown): Promise<void> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } },
      (res) => {
        res.resume();
        res.on('end', () =>
          (res.statusCode ?? 500) >= 300 ? reject(new Error(`POST ${url} answered ${res.statusCode}`)) : resolve(),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

function httpTrigger(capture: CaptureServer, path: string, deps: string[]) {
  return {
    template: {
      name: 'forward',
      http: {
        url: `${capture.url}${path}`,
        method: 'POST',
        payload: deps.flatMap((d) => [
          { src: { dependencyName: d, dataKey: 'body.n' }, dest: `${d}.n` },
          { src: { dependencyName: d, dataKey: 'body.sentAt' }, dest: `${d}.sentAt` },
        ]),
      },
    },
  };
}

async function waitUntil(ok: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await sleep(50);
  return ok();
}

/** Bare Temporal: signals/s to workflows no worker runs (5,000 per workflow, below the per-run cap). */
async function signalFloor(e: RunningEventide, count: number): Promise<number> {
  const handles = await Promise.all(
    Array.from({ length: Math.ceil(count / 5000) }, (_, i) =>
      e.client.workflow.start('benchFloor', { taskQueue: 'bench-floor-no-worker', workflowId: `floor-${Date.now()}-${i}` }),
    ),
  );
  const ms = await pool(count, SENDERS, (i) => handles[Math.floor(i / 5000)]!.signal('event', { n: i }));
  await Promise.all(handles.map((h) => h.terminate('bench floor done')));
  return count / (ms / 1000);
}

async function orSensor(e: RunningEventide, capture: CaptureServer, port: number) {
  await applyResource(
    e.client,
    validManifests(
      sensor('or', {
        dependencies: [{ name: 'hit', eventSourceName: 'bench', eventName: 'hit' }],
        triggers: [httpTrigger(capture, '/or', ['hit'])],
      }),
    )[0]!,
    { taskQueue: e.taskQueue },
  );
  await sleep(1000);
  const url = `http://127.0.0.1:${port}/hit`;
  const fired = () => capture.requests.filter((r) => r.url === '/or');
  // The ingress learns the route from Temporal: retry the first POST until it serves it.
  for (let t = 0; ; t++) {
    try {
      await post(url, { n: -1000, sentAt: Date.now() });
      break;
    } catch (err) {
      if (t > 100) throw err;
      await sleep(200);
    }
  }
  await pool(50, 4, (i) => post(url, { n: -1 - i, sentAt: Date.now() })); // warm-up
  await waitUntil(() => fired().length >= 51, 60_000);
  const floorSignals = await signalFloor(e, Math.min(N, 10_000));
  const directMs = await pool(Math.min(N, 5000), SENDERS, (i) => post(`${capture.url}/direct`, { n: i, sentAt: Date.now() }));
  const t0 = performance.now();
  const acceptedMs = await pool(N, SENDERS, (i) => post(url, { n: i, sentAt: Date.now() }));
  await waitUntil(() => fired().length >= N + 51, 600_000);
  const doneMs = performance.now() - t0;
  const ns = fired()
    .map((r) => (JSON.parse(r.body) as { hit: { n: number } }).hit.n)
    .filter((n) => n >= 0);
  const distinct = new Set(ns).size;
  console.log(`\n1. one OR Sensor, ${N} webhook events, ${SENDERS} senders`);
  row('', 'per second');
  row('floor: bare Temporal signals', floorSignals.toFixed(0));
  row('floor: direct HTTP to the receiver', (Math.min(N, 5000) / (directMs / 1000)).toFixed(0));
  row('webhook events accepted (2xx)', (N / (acceptedMs / 1000)).toFixed(0));
  row('trigger fires (until the last one)', (ns.length / (doneMs / 1000)).toFixed(0));
  console.log(`   fired ${distinct} distinct of ${N}, ${ns.length - distinct} duplicates`);
}

async function latency(capture: CaptureServer, port: number) {
  const COUNT = 500;
  /** {n, sentAt} of a request, whether sent straight ({n,…}) or through the trigger ({hit:{n,…}}) */
  const sample = (body: string) => {
    const b = JSON.parse(body) as { n?: number; sentAt?: number; hit?: { n: number; sentAt: number } };
    return b.hit ?? { n: b.n ?? -1, sentAt: b.sentAt ?? NaN };
  };
  const paced = async (url: string, path: string, offset: number) => {
    const mine = () =>
      capture.requests.filter((r) => r.url === path).filter((r) => sample(r.body).n >= offset);
    const sends: Promise<void>[] = [];
    for (let i = 0; i < COUNT; i++) {
      sends.push(post(url, { n: offset + i, sentAt: Date.now() }));
      await sleep(20);
    }
    await Promise.all(sends);
    await waitUntil(() => mine().length >= COUNT, 60_000);
    return mine().map((r) => r.at - sample(r.body).sentAt);
  };
  const floor = await paced(`${capture.url}/paced`, '/paced', 0);
  const through = await paced(`http://127.0.0.1:${port}/hit`, '/or', 10_000_000);
  console.log(`\n2. latency at 50 events/s (${COUNT} events), ms`);
  row('', 'p50', 'p99');
  row('floor: direct HTTP to the receiver', pct(floor, 50), pct(floor, 99));
  row('webhook → Sensor → http trigger', pct(through, 50), pct(through, 99));
}

async function andSensor(e: RunningEventide, capture: CaptureServer) {
  const PAIRS = 1000;
  const [m] = validManifests(
    sensor('and', {
      dependencies: [
        { name: 'a', eventSourceName: 'pairs', eventName: 'a' },
        { name: 'b', eventSourceName: 'pairs', eventName: 'b' },
      ],
      triggers: [{ template: { ...httpTrigger(capture, '/and', ['a', 'b']).template, conditions: 'a && b' } }],
    }),
  );
  await applyResource(e.client, m!, { taskQueue: e.taskQueue });
  const id = sensorWorkflowId('default', 'and');
  const handle = e.client.workflow.getHandle(id);
  const event = (i: number): CloudEvent => ({
    specversion: '1.0',
    id: `pair-${i}`,
    source: 'pairs',
    subject: i % 2 === 0 ? 'a' : 'b',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: { body: { n: i, sentAt: Date.now() } },
  } as CloudEvent);
  const ms = await pool(2 * PAIRS, SENDERS, (i) => handle.signal('event', event(i)));
  const fired = () => capture.requests.filter((r) => r.url === '/and');
  // Compare once the Sensor has stopped firing for 5 s: a Sensor still draining its signals
  // would look like a difference, and its last runs may not exist yet.
  let last = -1;
  let stableSince = Date.now();
  await waitUntil(() => {
    const n = fired().length;
    if (n !== last) [last, stableSince] = [n, Date.now()];
    return n > 0 && Date.now() - stableSince > 5000;
  }, 300_000);
  // The order the Sensor saw: its signals, run by run along the continue-as-new chain.
  const seen: CloudEvent[] = [];
  for (const runId of await sensorRunIds(e.client, id))
    for await (const page of runHistoryPages(e.client, id, runId))
      for (const s of signalsReceived(page))
        if (s.name === 'event') for (const ev of [s.args[0]].flat() as CloudEvent[]) seen.push(ev);
  const sim = new Simulation({ namespace: 'default', name: 'and' }, (m as SensorManifest).spec, Date.parse(seen[0]!.time!));
  const simPairs = new Set<string>();
  for (const ev of seen)
    for (const line of sim.push(ev))
      if ('event' in line) for (const f of line.fired) simPairs.add(`${f.events.a}+${f.events.b}`);
  await sleep(1000);
  const realPairs = new Set(
    fired().map((r) => {
      const b = JSON.parse(r.body) as { a: { n: number }; b: { n: number } };
      return `pair-${b.a.n}+pair-${b.b.n}`;
    }),
  );
  const same = [...realPairs].filter((p) => simPairs.has(p)).length;
  console.log(`\n3. AND Sensor (a && b), ${2 * PAIRS} events by signal at ${((2 * PAIRS) / (ms / 1000)).toFixed(0)}/s`);
  console.log(
    `   fired ${realPairs.size} pairs; simulation of the same events in history order: ${simPairs.size}; in both: ${same}` +
      (same === realPairs.size && same === simPairs.size ? ' (identical)' : ' (DIFFERENT)'),
  );
}

async function fanOut(e: RunningEventide, capture: CaptureServer, port: number) {
  console.log('\n4. Sensors on one webhook endpoint, 2,000 events, aggregate fires/s');
  row('', 'sensors', 'fires/s');
  let applied = 0;
  for (const k of [1, 10, 50]) {
    for (; applied < k; applied++) {
      await applyResource(
        e.client,
        validManifests(
          sensor(`fan-${applied}`, {
            dependencies: [{ name: 'hit', eventSourceName: 'bench', eventName: 'fan' }],
            triggers: [httpTrigger(capture, '/fan', ['hit'])],
          }),
        )[0]!,
        { taskQueue: e.taskQueue },
      );
    }
    await sleep(1500);
    const before = capture.requests.filter((r) => r.url === '/fan').length;
    const EVENTS = 2000;
    const t0 = performance.now();
    await pool(EVENTS, SENDERS, (i) => post(`http://127.0.0.1:${port}/fan`, { n: i, sentAt: Date.now() }));
    await waitUntil(() => capture.requests.filter((r) => r.url === '/fan').length >= before + EVENTS * k, 600_000);
    const got = capture.requests.filter((r) => r.url === '/fan').length - before;
    row(`${k} Sensor(s)`, k, (got / ((performance.now() - t0) / 1000)).toFixed(0));
  }
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function idleSensors(capture: CaptureServer) {
  const e = await startTestEventide({ worker: false });
  const w = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' });
  try {
    await w.ready;
    await sleep(3000);
    const empty = rssMb(w.child.pid!);
    const t0 = performance.now();
    await pool(IDLE, 16, async (i) => {
      await applyResource(
        e.client,
        validManifests(
          sensor(`idle-${i}`, {
            dependencies: [{ name: 'hit', eventSourceName: 'bench', eventName: `idle-${i}` }],
            triggers: [httpTrigger(capture, '/idle', ['hit'])],
          }),
        )[0]!,
        { taskQueue: e.taskQueue },
      );
    });
    const applyMs = performance.now() - t0;
    // Read twice: while the worker still runs the Sensors' first tasks, and once it settled
    // (evicted Sensors' memory is collected by then).
    await sleep(15_000);
    const busy = rssMb(w.child.pid!);
    await sleep(45_000);
    const settled = rssMb(w.child.pid!);
    console.log(`\n5. ${IDLE} idle Sensors (worker in its own process)`);
    row('', 'RSS MB', 'apply s');
    row('floor: the worker with no Sensor', empty.toFixed(0), '');
    row(`${IDLE} idle Sensors, +15 s`, busy.toFixed(0), (applyMs / 1000).toFixed(1));
    row(`${IDLE} idle Sensors, +60 s (settled)`, settled.toFixed(0), '');
  } finally {
    await w.kill();
    await e.stop();
  }
}

async function main() {
  const capture = await startCaptureServer();
  const port = await freePort();
  // The worker and the ingress run as `eventide worker` and `eventide ingress` processes, as an
  // operator deploys them; this process only sends, receives and counts.
  const e = await startTestEventide({
    worker: false,
    ingress: false,
    manifests: validManifests(
      webhookEventSource('bench', {
        hit: { port: String(port), endpoint: '/hit', method: 'POST' },
        fan: { port: String(port), endpoint: '/fan', method: 'POST' },
      }),
    ),
  });
  const processes: WorkerProcess[] = [
    startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR' }),
    startIngressProcess(e.address),
  ];
  try {
    await Promise.all(processes.map((p) => p.ready));
    console.log(`machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}`);
    console.log('worker and ingress in their own processes; senders and receiver in this one');
    await orSensor(e, capture, port);
    await latency(capture, port);
    await andSensor(e, capture);
    await fanOut(e, capture, port);
  } finally {
    for (const p of processes) await p.kill('SIGINT');
    await e.stop();
  }
  await idleSensors(capture);
  await capture.close();
}

await main();
