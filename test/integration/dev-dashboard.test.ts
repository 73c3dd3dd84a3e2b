// The dashboard as users start it: `eventide dev` prints its URL and links to its own Temporal
// UI; `eventide dashboard` serves it against TEMPORAL_ADDRESS; a dashboard port asked for and
// taken is refused before anything starts.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/temporal/dev-server.js';
import { runCli } from '../support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'eventide-dev-dashboard-'));
const children: ChildProcess[] = [];
const servers: Server[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)),
  );
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  return { child, output: () => out };
}

const line = (text: string, label: string) => new RegExp(`${label}\\s+(http://\\S+)`).exec(text)?.[1];

test(
  'eventide dev prints the dashboard URL; eventide dashboard serves the same Sensors for TEMPORAL_ADDRESS',
  { timeout: 150_000 },
  async () => {
    writeFileSync(
      join(dir, 'sensor.yaml'),
      `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: printed
spec:
  dependencies:
    - name: tick
      eventSourceName: nowhere
      eventName: nothing
  triggers:
    - template:
        name: log-it
        log: {}
`,
    );
    const port = await freePort();
    const uiPort = await freePort();
    const dev = start(
      ['dev', '--config', dir, '--port', String(port), '--ui-port', String(uiPort), '--dashboard-port', '0'],
      {
        TEMPORAL_ADDRESS: '',
      },
    );
    await waitFor(() => dev.output().includes('Ready.'), {
      timeoutMs: 90_000,
      what: `Ready in:\n${dev.output()}`,
    });
    const url = line(dev.output(), 'Dashboard:');
    const ui = line(dev.output(), 'Temporal UI:');
    assert.ok(url, dev.output());
    assert.ok(ui, dev.output());
    const front = await (await fetch(url)).text();
    assert.match(front, /default\/printed/);
    const sensorPage = await (await fetch(`${url}/sensors/default/printed`)).text();
    assert.ok(
      sensorPage.includes(`href="${ui}/namespaces/default/workflows/sensor%3Adefault%2Fprinted/`),
      "the Sensor links to its workflow in the dev server's Temporal UI",
    );

    const prod = start(['dashboard', '--port', '0', '--temporal-ui', 'http://ui.example:8080'], {
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
    });
    await waitFor(() => line(prod.output(), 'Dashboard:'), {
      timeoutMs: 30_000,
      what: `Dashboard in:\n${prod.output()}`,
    });
    const prodUrl = line(prod.output(), 'Dashboard:')!;
    assert.match(await (await fetch(prodUrl)).text(), /default\/printed/);
    assert.match(
      await (await fetch(`${prodUrl}/sensors/default/printed`)).text(),
      /href="http:\/\/ui\.example:8080\/namespaces\/default\/workflows\/sensor%3Adefault%2Fprinted\//,
    );
    prod.child.kill('SIGTERM');
    await new Promise((r) => prod.child.once('exit', r));
    dev.child.kill('SIGTERM');
    await new Promise((r) => dev.child.once('exit', r));
  },
);

test('eventide dev refuses a dashboard port that is taken, naming the error code, before starting Temporal', async () => {
  const taken = await freePort();
  await new Promise<void>((resolve, reject) => {
    const s = createServer();
    servers.push(s);
    s.once('error', reject);
    s.listen(taken, '127.0.0.1', () => resolve());
  });
  const r = await runCli(
    ['dev', '--config', dir, '--port', String(await freePort()), '--dashboard-port', String(taken)],
    {
      TEMPORAL_ADDRESS: '',
    },
  );
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    new RegExp(
      `EVT_ERR_DASHBOARD_PORT_IN_USE: --dashboard-port ${taken} is already in use by process ${process.pid}`,
    ),
  );
  assert.doesNotMatch(r.stdout, /starting the Temporal dev server/);
});
