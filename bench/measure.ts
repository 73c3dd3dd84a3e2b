// A small timing loop: runs `fn` over the inputs until `ms` have passed (after a warm-up) and
// reports operations per second. One core, one process; no statistics beyond the best of runs.

export interface Measurement {
  name: string;
  opsPerSec: number;
}

export function measure<T>(
  name: string,
  inputs: readonly T[],
  fn: (input: T) => unknown,
  ms = 1000,
  runs = 3,
): Measurement {
  let sink = 0;
  const n = inputs.length;
  // Warm-up so the JIT has compiled the hot path before timing.
  for (let i = 0; i < 20_000; i++) if (fn(inputs[i % n]!)) sink++;
  let best = 0;
  for (let r = 0; r < runs; r++) {
    let ops = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ms) {
      for (let i = 0; i < 1000; i++) if (fn(inputs[(ops + i) % n]!)) sink++;
      ops += 1000;
      elapsed = performance.now() - start;
    }
    best = Math.max(best, (ops / elapsed) * 1000);
  }
  if (sink === -1) console.log('unreachable');
  return { name, opsPerSec: best };
}

export function printTable(
  rows: readonly (Measurement & { target?: number })[],
  baseline: Measurement,
): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const header = ['measurement', 'events/s', `vs ${baseline.name}`, 'target', ''];
  const lines = rows.map((r) => [
    r.name,
    fmt(r.opsPerSec),
    `${(r.opsPerSec / baseline.opsPerSec).toFixed(2)}x`,
    r.target ? fmt(r.target) : '',
    r.target ? (r.opsPerSec >= r.target ? 'ok' : 'BELOW') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(row(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
}
