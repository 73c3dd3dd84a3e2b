// A child spawned tied to its parent dies when the parent is SIGKILLed, in both modes
// (setpriv --pdeathsig and the Node supervisor fallback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { canUseSetpriv } from '../../../src/temporal/tie-to-parent.js';
import { waitFor } from '../../support/wait-for.js';

const MODULE = new URL('../../../src/temporal/tie-to-parent.ts', import.meta.url).href;

function gone(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return true;
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

for (const mode of ['setpriv', 'supervisor'] as const) {
  test(
    `mode ${mode}: the child dies when its parent is SIGKILLed`,
    mode === 'setpriv' && !canUseSetpriv() ? { skip: 'setpriv --pdeathsig is not available here' } : {},
    async () => {
      // The parent spawns `sleep 300` tied to itself and reports the sleeper's PID (for the
      // supervisor, the grandchild: the supervisor is what the parent spawned).
      const script = `
        const { spawnTiedToParent } = await import(${JSON.stringify(MODULE)});
        const c = spawnTiedToParent('sh', ['-c', 'echo $$; exec sleep 300'], ${JSON.stringify(mode)});
        c.stdout.once('data', (b) => process.stdout.write(b));
        setInterval(() => {}, 1000);
      `;
      const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      parent.stdout.on('data', (b: Buffer) => (out += b.toString()));
      const pid = await waitFor(() => (/^\d+\n/.test(out) ? Number(out.trim()) : undefined), {
        timeoutMs: 20_000,
        what: 'the child PID',
      });
      try {
        assert.ok(!gone(pid), 'the child runs while its parent does');
        parent.kill('SIGKILL');
        await waitFor(() => gone(pid), { timeoutMs: 10_000, what: `child ${pid} to die with its parent` });
      } finally {
        if (!gone(pid)) process.kill(pid, 'SIGKILL');
      }
    },
  );
}

test('mode supervisor: SIGKILL through the handle kills the program, not only the supervisor', async () => {
  const { spawnTiedToParent } = await import('../../../src/temporal/tie-to-parent.js');
  const c = spawnTiedToParent('sh', ['-c', 'echo $$; exec sleep 300'], 'supervisor');
  const pid = await new Promise<number>((resolve) =>
    c.stdout!.once('data', (b: Buffer) => resolve(Number(b.toString().trim()))),
  );
  const exited = new Promise((r) => c.once('exit', r));
  try {
    assert.ok(!gone(pid));
    c.kill('SIGKILL');
    await exited;
    await waitFor(() => gone(pid), { timeoutMs: 10_000, what: `program ${pid} to die` });
  } finally {
    if (!gone(pid)) process.kill(pid, 'SIGKILL');
  }
});
