// Go regexps (re2js, linear time) beside native JS RegExp of the same pattern (the backtracking
// engine the old translator compiled to), in the same run. First the catastrophic (x+x+)+y: the
// RE2 engine on 10,000 x (target: under 10 ms per match) and the backtracking engine on a few
// dozen x, where its time doubles with every extra x. Then common filter patterns, in ops/s.
import { compileGoRegexp } from '../src/lang/goregexp/index.js';
import { measure } from './measure.js';

function msPerMatch(fn: () => unknown, runs: number): number {
  fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

const catastrophic = compileGoRegexp('(x+x+)+y');
const long = 'x'.repeat(10_000);
const re2Ms = msPerMatch(() => catastrophic.test(long), 20);
console.log(`(x+x+)+y vs 10,000 x  re2js: ${re2Ms.toFixed(2)} ms/match (target < 10 ms) ${re2Ms < 10 ? 'OK' : 'OVER'}`);
// With a y at the end the engine cannot reject early on the missing literal and must run.
const longY = long + 'y';
const re2YMs = msPerMatch(() => catastrophic.test(longY), 20);
console.log(`(x+x+)+y vs 10,000 x+y re2js: ${re2YMs.toFixed(2)} ms/match (target < 10 ms) ${re2YMs < 10 ? 'OK' : 'OVER'}`);
const noShortcut = compileGoRegexp('(x+x+)+[yz]{2}$');
const longZ = long + 'z';
const re2ZMs = msPerMatch(() => noShortcut.test(longZ), 20);
console.log(`(x+x+)+[yz]{2}$ vs 10,000 x+z re2js: ${re2ZMs.toFixed(2)} ms/match (no match, no literal shortcut)`);
const native = /(x+x+)+y/;
for (const n of [16, 18, 20, 22]) {
  const s = 'x'.repeat(n);
  const ms = msPerMatch(() => native.test(s), 3);
  const r = msPerMatch(() => catastrophic.test(s), 100);
  console.log(`(x+x+)+y vs ${n} x      JS RegExp: ${ms.toFixed(1)} ms/match   re2js: ${r.toFixed(3)} ms/match`);
}

const cases: [name: string, go: string, js: RegExp, inputs: string[]][] = [
  ['^refs/heads/main$', '^refs/heads/main$', /^refs\/heads\/main$/, ['refs/heads/main', 'refs/heads/feature/x', 'refs/tags/v1.2.3']],
  ['^(feature|release)/.*', '^(feature|release)/.*', /^(feature|release)\/[^\n]*/, ['feature/login-page', 'release/2026.12', 'main', 'hotfix/urgent']],
  ['.*\\.yaml$', '.*\\.yaml$', /[^\n]*\.yaml$/, ['deploy/k8s/app/values.yaml', 'src/index.ts', 'charts/eventide/templates/sensor.yaml']],
  ['email-ish', '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$', /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/, ['jane.doe+ci@example.com', 'not-an-email', 'ops@eventide.dev']],
  ['(?i)prod', '(?i)prod', /prod/iu, ['us-east-1-PROD-cluster', 'staging-eu', 'Production']],
];

console.log('\npattern                       re2js ops/s     JS RegExp ops/s   ratio');
for (const [name, go, js, inputs] of cases) {
  const re = compileGoRegexp(go);
  for (const s of inputs) if (re.test(s) !== js.test(s)) throw new Error(`engines disagree on ${name} for ${s}`);
  const a = measure(name, inputs, (s) => re.test(s), 500, 2);
  const b = measure(name, inputs, (s) => js.test(s), 500, 2);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(14);
  console.log(`${name.padEnd(26)}${fmt(a.opsPerSec)}  ${fmt(b.opsPerSec)}     ${(a.opsPerSec / b.opsPerSec).toFixed(2)}x`);
}
