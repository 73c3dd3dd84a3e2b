// End to end on a real Temporal dev server (loopback): N webhook events → Sensor → http trigger.
// Prints events/s and the p50/p99 latency from the webhook POST to the trigger's request arriving
// downstream, beside a baseline measured in the same run: the same POSTs sent straight to the
// downstream server (what HTTP on this machine costs without Eventide).
//   npx tsx bench/webhook-end-to-end.ts [events=400] [concurrency=8]
import { startTestEventide, sensor, validManifests, webhookEventSource } from '../test/support/eventide.js';
import { startCaptureServer } from '../test/support/capture-server.js';
import { freePort } from '../src/temporal/dev-server.js';

const N = Number(process.argv[2] ?? 400);
const CONCURRENCY = Number(process.argv[3] ?? 8);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function drive(url: string, count: number, idOffset: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      const n = idOffset + next++;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n, sentAt: Date.now() }),
      });
      if (res.status !== 200) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - start;
}

async function main() {
  const capture = await startCaptureServer();
  const port = await freePort();
  const e = await startTestEventide({
    manifests: validManifests(
      webhookEventSource('bench', { hit: { port: String(port), endpoint: '/hit', method: 'POST' } }),
      sensor('bench', {
        dependencies: [{ name: 'hit', eventSourceName: 'bench', eventName: 'hit' }],
        triggers: [
          {
            template: {
              name: 'forward',
              http: {
                url: `${capture.url}/fired`,
                method: 'POST',
                payload: [
                  { src: { dependencyName: 'hit', dataKey: 'body.n' }, dest: 'n' },
                  { src: { dependencyName: 'hit', dataKey: 'body.sentAt' }, dest: 'sentAt' },
                ],
              },
            },
          },
        ],
      }),
    ),
  });
  try {
    // Baseline: the same load straight at the downstream server.
    const baseMs = await drive(`${capture.url}/direct`, N, 0);
    const direct = capture.requests
      .filter((r) => r.url === '/direct')
      .map((r) => r.at - JSON.parse(r.body).sentAt);
    // Warm-up: the first events pay for JIT and connection setup.
    await drive(`http://127.0.0.1:${port}/hit`, 20, 1_000_000);
    const before = capture.requests.length;
    const t0 = performance.now();
    await drive(`http://127.0.0.1:${port}/hit`, N, 0);
    const acceptedMs = performance.now() - t0;
    const deadline = Date.now() + 120_000;
    const fired = () =>
      capture.requests.slice(before).filter((r) => r.url === '/fired' && Number(JSON.parse(r.body).n) < N);
    while (fired().length < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const doneMs = performance.now() - t0;
    const latencies = fired()
      .map((r) => r.at - Number(JSON.parse(r.body).sentAt))
      .sort((a, b) => a - b);
    const baseSorted = direct.sort((a, b) => a - b);
    const rows = [
      ['', 'events/s', 'p50 ms', 'p99 ms'],
      [
        'direct HTTP (baseline)',
        (N / (baseMs / 1000)).toFixed(0),
        String(percentile(baseSorted, 50)),
        String(percentile(baseSorted, 99)),
      ],
      [
        'webhook → Sensor → http trigger',
        (latencies.length / (doneMs / 1000)).toFixed(0),
        String(percentile(latencies, 50)),
        String(percentile(latencies, 99)),
      ],
    ];
    console.log(`${N} events, ${CONCURRENCY} concurrent senders, one Sensor, loopback dev server`);
    for (const r of rows)
      console.log(`${r[0]!.padEnd(34)}${r[1]!.padStart(10)}${r[2]!.padStart(10)}${r[3]!.padStart(10)}`);
    console.log(
      `webhook 2xx throughput: ${(N / (acceptedMs / 1000)).toFixed(0)} events/s; triggers fired: ${latencies.length}/${N}`,
    );
    console.log(
      `ratio to baseline: throughput ${(latencies.length / doneMs / (N / baseMs)).toFixed(3)}x, p50 latency ${(
        percentile(latencies, 50) / Math.max(1, percentile(baseSorted, 50))
      ).toFixed(1)}x`,
    );
    if (latencies.length < N) process.exitCode = 1;
  } finally {
    await e.stop();
    await capture.close();
  }
}

await main();
