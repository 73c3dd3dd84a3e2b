// CLI start-up: wall time of `eventide --version`, `--help` and `validate -f config/`, each a
// fresh process as a user runs it, beside two floors measured in the same run: bare Node
// (`node -e ''`) and Node with the TypeScript loader the CLI runs under (`node --import tsx`).
// Targets: validate under ~1.5 s, --version about bare Node, judged on the fastest run (the least
// disturbed on a shared machine). CPU time (the child's own, all threads) is shown too: it moves
// far less than wall time when other processes compete for the cores.
//   npx tsx bench/cli-startup.ts [runs=7]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../src/cli/bin.mjs', import.meta.url));
const RUNS = Number(process.argv[2] ?? 7);

interface Case {
  name: string;
  args: string[];
  targetMs?: number;
  /** a target relative to bare Node instead (`--version` must cost about what Node's start does) */
  targetVsBaseline?: number;
}

const CASES: Case[] = [
  { name: "node -e '' (baseline)", args: ['-e', ''] },
  { name: "node --import tsx -e ''", args: ['--import', 'tsx', '-e', ''] },
  { name: 'eventide --version', args: [BIN, '--version'], targetVsBaseline: 1.5 },
  { name: 'eventide --help', args: [BIN, '--help'] },
  { name: 'eventide validate -f config/', args: [BIN, 'validate', '-f', 'config/'], targetMs: 1500 },
];

// Preloaded into each child: prints the process's own CPU time when it exits.
const CPU_REPORT =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nEVENTIDE_CPU_MS "+(u.user+u.system)/1000+"\\n")})';

function once(c: Case): { wall: number; cpu: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', CPU_REPORT, ...c.args], { cwd: ROOT, encoding: 'utf8' });
  const wall = performance.now() - start;
  if (r.status !== 0) throw new Error(`${c.name} exited ${r.status}: ${r.stderr}`);
  const cpu = Number(/EVENTIDE_CPU_MS (\S+)/.exec(r.stderr)?.[1] ?? NaN);
  return { wall, cpu };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Interleaved rounds, so a burst of load on a shared machine hits every case alike.
const times = new Map<string, { wall: number; cpu: number }[]>(CASES.map((c) => [c.name, []]));
for (const c of CASES) once(c); // warm the disk cache and tsx's transform cache
for (let r = 0; r < RUNS; r++) for (const c of CASES) times.get(c.name)!.push(once(c));

const wallOf = (name: string) => times.get(name)!.map((t) => t.wall);
const cpuOf = (name: string) => times.get(name)!.map((t) => t.cpu);
const baseline = Math.min(...wallOf(CASES[0]!.name));
const header = ['command', 'min wall ms', 'median wall ms', 'median cpu ms', 'vs baseline', 'target', ''];
const lines = CASES.map((c) => {
  const fastest = Math.min(...wallOf(c.name));
  return [
    c.name,
    fastest.toFixed(0),
    median(wallOf(c.name)).toFixed(0),
    median(cpuOf(c.name)).toFixed(0),
    `${(fastest / baseline).toFixed(1)}x`,
    c.targetMs ? `${c.targetMs} ms` : c.targetVsBaseline ? `${c.targetVsBaseline}x` : '',
    c.targetMs
      ? fastest <= c.targetMs
        ? 'ok'
        : 'ABOVE'
      : c.targetVsBaseline
        ? fastest / baseline <= c.targetVsBaseline
          ? 'ok'
          : 'ABOVE'
        : '',
  ];
});
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
const row = (cells: string[]) =>
  cells.map((s, i) => (i === 0 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!))).join('  ');
console.log(`${RUNS} runs each, interleaved`);
console.log(row(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const l of lines) console.log(row(l));
