// `eventide explain` over a Sensor that received many events (a chain of many runs): time and
// peak RSS of the audit, beside the floor measured in the same run: the time and RSS of just
// reading every run's history pages (no replay). Each is measured in its own process.
//   npx tsx bench/explain.ts [events=20000] [historyEventLimit=10000] [payloadBytes=1000]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTestEventide, sensor, validManifests } from '../test/support/eventide.js';
import { decisionsQuery, sensorWorkflowId } from '../src/vocabulary/sensor-api.js';
import { waitFor } from '../test/support/wait-for.js';

const NAME = 'bench-explain';
const ID = sensorWorkflowId('default', NAME);

interface ChildResult {
  ms: number;
  maxRssMb: number;
  runs: number;
  items: number;
}

/** In a child process: read (floor) or explain the Sensor, and report time and peak RSS. */
async function child(mode: string): Promise<void> {
  const start = performance.now();
  let items = 0;
  let runs = 0;
  if (mode === 'floor') {
    const { connectFromEnv } = await import('../src/cli/temporal-target.js');
    const { runHistoryPages, sensorRunIds } = await import('../src/audit/sensor-history.js');
    const t = await connectFromEnv({ maxReceiveMessageBytes: 128 * 1024 * 1024 });
    for (const runId of await sensorRunIds(t.client, ID)) {
      runs++;
      for await (const page of runHistoryPages(t.client, ID, runId)) items += page.length;
    }
    await t.connection.close();
  } else {
    const { runExplain } = await import('../src/cli/commands/explain.js');
    await runExplain('sensor', NAME, { output: 'json' }, (line) => {
      if (line.startsWith('    ')) items++;
      const m = /"runs": (\[.*\])/.exec(line);
      if (m) runs = (JSON.parse(m[1]!) as unknown[]).length;
    });
  }
  const r: ChildResult = {
    ms: performance.now() - start,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    runs,
    items,
  };
  console.log(JSON.stringify(r));
}

function measureChild(mode: string, address: string): ChildResult {
  const file = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, 'child', mode], {
    env: { ...process.env, TEMPORAL_ADDRESS: address },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`${mode} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

async function main() {
  const events = Number(process.argv[2] ?? 20_000);
  const limit = Number(process.argv[3] ?? 10_000);
  const padding = 'x'.repeat(Number(process.argv[4] ?? 1000));
  const e = await startTestEventide({
    ingress: false,
    sensorOptions: { historyEventLimit: limit },
    manifests: validManifests(
      sensor(NAME, {
        dependencies: [
          {
            name: 'a',
            eventSourceName: 'src',
            eventName: 'a',
            filters: { data: [{ path: 'fire', type: 'bool', value: ['true'] }] },
          },
        ],
        triggers: [{ template: { name: 'log-it', log: {} } }],
      }),
    ),
  });
  try {
    const handle = e.client.workflow.getHandle(ID);
    const sendStart = performance.now();
    const processed = (n: number) =>
      waitFor(
        async () =>
          (await handle.query(decisionsQuery, 50)).some((d) => d.kind === 'event' && d.eventId === `e-${n}`),
        { what: `event e-${n} processed`, timeoutMs: 5 * 60_000 },
      );
    // In rounds, each processed before the next is sent: a burst of thousands of signals lands in
    // one workflow task, and a task past the SDK's 5 s limit would crash the worker.
    const ROUND = 200;
    for (let from = 0; from < events; from += ROUND) {
      const to = Math.min(events, from + ROUND);
      let next = from;
      const sender = async () => {
        while (next < to) {
          const n = next++;
          await handle.signal('event', {
            specversion: '1.0',
            type: 'bench',
            id: `e-${n}`,
            source: 'src',
            subject: 'a',
            // One in a hundred passes the filter and fires the trigger.
            data: { n, fire: n % 100 === 0, padding },
          });
        }
      };
      await Promise.all(Array.from({ length: 8 }, sender));
      await processed(to - 1);
    }
    // Let the last workflow task's completion reach history.
    await new Promise((r) => setTimeout(r, 1000));
    const sendSec = (performance.now() - sendStart) / 1000;
    console.log(
      `${events} events (${padding.length} B padding) sent and processed in ${sendSec.toFixed(1)} s`,
    );

    const floor = measureChild('floor', e.address);
    const audit = measureChild('explain', e.address);
    const row = (name: string, r: ChildResult, what: string) =>
      console.log(
        `${name.padEnd(28)} ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.maxRssMb.toFixed(0).padStart(6)} MB peak RSS  ` +
          `${r.runs} runs, ${r.items} ${what}`,
      );
    console.log(`${'measurement'.padEnd(28)} ${'time'.padStart(9)}  ${'peak RSS'.padStart(16)}`);
    row('read history pages (floor)', floor, 'history events');
    row('explain -o json', audit, 'decisions');
    console.log(
      `explain / floor: ${(audit.ms / floor.ms).toFixed(2)}x time, ${(audit.maxRssMb / floor.maxRssMb).toFixed(2)}x RSS`,
    );
  } finally {
    await e.stop();
  }
}

if (process.argv[2] === 'child') await child(process.argv[3] ?? 'explain');
else await main();
