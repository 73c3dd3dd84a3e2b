// Worker RSS with N idle Sensors (issue 10: 1,000 idle Sensors ≤ 300 MB), over time: the worker
// alone, right after the last apply, +15 s and +60 s. The worker runs in its own process; its
// environment and node flags come from the command line, to compare cache sizes and V8 flags.
//   npx tsx bench/idle-rss.ts [idle=1000] [ENV=value ...] [--node-flag ...]
//   e.g. npx tsx bench/idle-rss.ts 1000 EVENTIDE_MAX_CACHED_WORKFLOWS=50 --max-semi-space-size=1
import { readFileSync } from 'node:fs';
import { startTestEventide, sensor, validManifests } from '../test/support/eventide.js';
import { startWorkerProcess } from '../test/support/worker-process.js';
import { applyResource } from '../src/control/resources.js';

const args = process.argv.slice(2);
const IDLE = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
const env = Object.fromEntries(
  args.filter((a) => /^[A-Z_]+=/.test(a)).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
);
const nodeArgs = args.filter((a) => a.startsWith('--'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

const e = await startTestEventide({ worker: false });
const w = startWorkerProcess(e.address, { EVENTIDE_WORKER_LOG_LEVEL: 'ERROR', ...env }, nodeArgs);
try {
  await w.ready;
  await sleep(3000);
  const pid = w.child.pid!;
  const empty = rssMb(pid);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < IDLE) {
        const i = next++;
        await applyResource(
          e.client,
          validManifests(
            sensor(`idle-${i}`, {
              dependencies: [{ name: 'hit', eventSourceName: 'bench', eventName: `idle-${i}` }],
              triggers: [{ template: { name: 'forward', http: { url: 'http://127.0.0.1:9/idle', method: 'POST' } } }],
            }),
          )[0]!,
          { taskQueue: e.taskQueue },
        );
      }
    }),
  );
  const applyS = (performance.now() - t0) / 1000;
  const afterApply = rssMb(pid);
  await sleep(15_000);
  const at15 = rssMb(pid);
  await sleep(45_000);
  const at60 = rssMb(pid);
  const f = (n: number) => n.toFixed(0);
  console.log(
    JSON.stringify({ idle: IDLE, env, nodeArgs, applyS: applyS.toFixed(1), empty: f(empty), afterApply: f(afterApply), at15: f(at15), at60: f(at60) }),
  );
  const debug = w.output.filter((l) => l.includes('"memory"'));
  for (const l of debug) console.log(l);
} finally {
  await w.kill();
  await e.stop();
}
