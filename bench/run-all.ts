// `npm run bench`: runs every benchmark in its own process, so one cannot warm the JIT for another.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = ['engine-filters.ts', 'regexp.ts', 'webhook-end-to-end.ts', 'explain.ts', 'sensor-volume.ts', 'kafka.ts', 'cli-startup.ts'];

let failed = false;
for (const name of BENCHMARKS) {
  const file = fileURLToPath(new URL(name, import.meta.url));
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
