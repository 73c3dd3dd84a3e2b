// `eventide dev` as a process: its embedded Temporal server dies with it even when it is
// SIGKILLed, it refuses to start, naming the port, when a port it needs is taken, and it keeps
// its state across restarts unless --ephemeral.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/temporal/dev-server.js';
import { runCli } from '../support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;
const dirs: string[] = [];
const servers: Server[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const s of servers) s.close();
});

function configDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-dev-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// `eventide dev` keeps its state by default: in a scratch directory here, not the user's home.
process.env.EVENTIDE_DATA_DIR = configDir();

function webhookSource(port: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: busy-port
spec:
  webhook:
    example:
      port: "${port}"
      endpoint: /example
      method: POST
`;
}

/** PIDs of `temporal server start-dev` processes serving gRPC on `port`. */
function temporalPids(port: number): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const i = argv.indexOf('--port');
    if (argv.includes('start-dev') && i >= 0 && argv[i + 1] === String(port) && !argv[0]?.endsWith('setpriv'))
      pids.push(Number(d));
  }
  return pids;
}

function listenOn(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    servers.push(s);
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve());
  });
}

test('the embedded Temporal server dies when eventide dev is SIGKILLed', { timeout: 120_000 }, async () => {
  const port = await freePort();
  const uiPort = await freePort();
  const child = spawn(
    process.execPath,
    [BIN, 'dev', '--config', configDir(), '--port', String(port), '--ui-port', String(uiPort)],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TEMPORAL_ADDRESS: '' } },
  );
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  try {
    await waitFor(() => output.includes('Ready.'), { timeoutMs: 90_000, what: `Ready in:\n${output}` });
    const pids = temporalPids(port);
    assert.equal(pids.length, 1, `one temporal server on ${port}: ${pids.join(', ')}`);
    child.kill('SIGKILL');
    await waitFor(() => !existsSync(`/proc/${pids[0]}`) || isZombie(pids[0]!), {
      timeoutMs: 10_000,
      what: `temporal ${pids[0]} to exit after its parent was SIGKILLed`,
    });
  } finally {
    child.kill('SIGKILL');
    for (const pid of temporalPids(port)) process.kill(pid, 'SIGKILL');
  }
});

function isZombie(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

test('eventide dev refuses a taken gRPC port and names its holder', async () => {
  const port = await freePort();
  await listenOn(port);
  const r = await runCli(['dev', '--config', configDir(), '--port', String(port)], { TEMPORAL_ADDRESS: '' });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`Temporal gRPC port ${port} is already in use by process ${process.pid} \\(node`),
  );
  assert.match(r.stderr, /--port/);
  assert.equal(temporalPids(port).length, 0);
});

test('eventide dev refuses a taken UI port', async () => {
  const port = await freePort();
  const uiPort = await freePort();
  await listenOn(uiPort);
  const r = await runCli(
    ['dev', '--config', configDir(), '--port', String(port), '--ui-port', String(uiPort)],
    {
      TEMPORAL_ADDRESS: '',
    },
  );
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    new RegExp(`Temporal UI port ${uiPort} is already in use by process ${process.pid}`),
  );
});

test('eventide dev refuses an ingress port in use, before starting Temporal', async () => {
  const port = await freePort();
  const ingressPort = await freePort();
  await listenOn(ingressPort);
  const r = await runCli(
    [
      'dev',
      '--config',
      configDir({ 'es.yaml': webhookSource(ingressPort) }),
      '--port',
      String(port),
      '--ingress-host',
      '127.0.0.1',
    ],
    { TEMPORAL_ADDRESS: '' },
  );
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `ingress port ${ingressPort} \\(EventSource default/busy-port\\) is already in use by process ${process.pid}`,
    ),
  );
  assert.doesNotMatch(r.stdout, /Ready/);
  assert.equal(temporalPids(port).length, 0);
});

const KEPT_SENSOR = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: kept
spec:
  dependencies:
    - name: dep
      eventSourceName: somewhere
      eventName: example
  triggers:
    - template:
        name: log-it
        log: {}
`;

/** Runs `eventide dev ARGS` on `port` until Ready, runs `during`, then stops it with Ctrl-C; returns its output. */
async function devRun(
  port: number,
  args: string[],
  during: (address: string) => Promise<void>,
): Promise<string> {
  const child = spawn(
    process.execPath,
    [BIN, 'dev', '--port', String(port), '--ui-port', String(await freePort()), '--no-dashboard', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TEMPORAL_ADDRESS: '' } },
  );
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitFor(() => output.includes('Ready.') || child.exitCode !== null, {
      timeoutMs: 120_000,
      what: `Ready in:\n${output}`,
    });
    assert.match(output, /Ready\./, output);
    await during(`127.0.0.1:${port}`);
    child.kill('SIGINT');
    await exited;
    return output;
  } finally {
    child.kill('SIGKILL');
  }
}

test(
  'eventide dev keeps applied Sensors across a restart; --ephemeral keeps nothing',
  { timeout: 400_000 },
  async () => {
    const data = configDir();
    const port = await freePort();
    const file = join(data, `dev-${port}.sqlite`);
    const first = await devRun(
      port,
      ['--config', configDir({ 'sensor.yaml': KEPT_SENSOR }), '--data-dir', data],
      async () => {},
    );
    assert.ok(first.includes(`State:         ${file} (kept across restarts`), first);
    assert.ok(existsSync(file));
    // Restarted on the same port with no manifests: the Sensor applied before is still there.
    await devRun(port, ['--config', configDir(), '--data-dir', data], async (address) => {
      const r = await waitFor(
        async () => {
          const x = await runCli(['get', 'sensors'], { TEMPORAL_ADDRESS: address }, 60_000);
          return x.stdout.includes('kept') && x;
        },
        { what: 'the Sensor applied before the restart', timeoutMs: 60_000, intervalMs: 500 },
      );
      assert.match(r.stdout, /^default\s+kept\s/m);
    });
    const ephemeral = await devRun(port, ['--config', configDir(), '--ephemeral'], async (address) => {
      const r = await runCli(['get', 'sensors'], { TEMPORAL_ADDRESS: address }, 60_000);
      assert.equal(r.stdout.trim(), 'No sensors found.', r.stderr);
    });
    assert.match(ephemeral, /State: +none \(--ephemeral/);
  },
);
