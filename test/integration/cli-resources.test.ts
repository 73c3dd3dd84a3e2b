// The `eventide` command line, run as a child process against a real dev server: apply, get,
// delete, explain and replay as a user runs them, with their output and exit codes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { sensorDecisions, startTestEventide } from '../support/eventide.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { sendEvent, waitForDecisions } from '../support/sensor-events.js';
import { waitFor } from '../support/wait-for.js';
import { findTemporalCli, freePort } from '../../src/temporal/dev-server.js';
import { startServer, tcpOpen } from '../support/servers/server-process.js';

const EVENT_SOURCE = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: cli-source
spec:
  webhook:
    example:
      port: "13200"
      endpoint: /example
      method: POST
`;

const SENSOR = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: cli-sensor
spec:
  dependencies:
    - name: dep
      eventSourceName: cli-source
      eventName: example
      filters:
        data:
          - path: body.ok
            type: bool
            value: ["true"]
  triggers:
    - template:
        name: log-it
        log: {}
`;

const CLI_TIMEOUT_MS = 120_000;

const HISTORIES = fileURLToPath(new URL('../replay/histories/', import.meta.url));

describe('the eventide CLI against a real Temporal server', () => {
  let e: RunningEventide;
  let dir: string;
  /** for files that are not manifests (apply -f reads every file of `dir`) */
  let scratch: string;
  // Generous: the timeout only catches a hung command, and a loaded machine makes slow ones.
  const cli = (...args: string[]) => runCli(args, { TEMPORAL_ADDRESS: e.address }, CLI_TIMEOUT_MS);
  /** Reruns a listing until it shows what is expected (Temporal's visibility lags a little). */
  const cliUntil = (args: string[], ok: (r: CliResult) => boolean) =>
    waitFor(
      async () => {
        const r = await cli(...args);
        return ok(r) && r;
      },
      { what: `eventide ${args.join(' ')}`, intervalMs: 200 },
    );

  let unreachableRuns: Promise<CliResult[]>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eventide-cli-'));
    scratch = mkdtempSync(join(tmpdir(), 'eventide-cli-scratch-'));
    writeFileSync(join(dir, 'eventsource.yaml'), EVENT_SOURCE);
    writeFileSync(join(dir, 'sensor.yaml'), SENSOR);
    // Giving up on an unreachable server takes the SDK's connect deadline (~10 s): start these
    // now, so that wait overlaps the dev server's start; the last test checks them.
    unreachableRuns = Promise.all(
      [
        ['apply', '-f', dir],
        ['get', 'sensors'],
        ['delete', 'sensor', 'cli-sensor'],
        ['explain', 'sensor', 'cli-sensor'],
      ].map((args) => runCli(args, { TEMPORAL_ADDRESS: '127.0.0.1:1' }, CLI_TIMEOUT_MS)),
    );
    e = await startTestEventide({ ingress: false });
  });

  after(async () => {
    await unreachableRuns?.catch(() => undefined);
    await e?.stop();
    for (const d of [dir, scratch]) if (d) rmSync(d, { recursive: true, force: true });
  });

  test('apply -f DIR creates the EventSource and the Sensor; the same again is unchanged, a change configured', async () => {
    const first = await cli('apply', '-f', dir);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(first.stdout.trim().split('\n'), [
      'eventsource/default/cli-source created',
      'sensor/default/cli-sensor created',
    ]);
    const again = await cli('apply', '-f', dir);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(again.stdout.trim().split('\n'), [
      'eventsource/default/cli-source unchanged',
      'sensor/default/cli-sensor unchanged',
    ]);
    const changed = join(scratch, 'changed');
    mkdirSync(changed);
    writeFileSync(join(changed, 'sensor.yaml'), SENSOR.replace('name: log-it', 'name: log-it-2'));
    const edit = await cli('apply', '-f', changed);
    assert.equal(edit.stdout.trim(), 'sensor/default/cli-sensor configured', edit.stderr);
    // Back to the original (the tests below rely on its trigger name): a change again.
    const back = await cli('apply', '-f', dir);
    assert.deepEqual(back.stdout.trim().split('\n'), [
      'eventsource/default/cli-source unchanged',
      'sensor/default/cli-sensor configured',
    ]);
  });

  test('get sensors prints a status table; -o json a List holding the manifest', async () => {
    const table = await cliUntil(['get', 'sensors'], (r) => r.stdout.includes('cli-sensor'));
    const [header, ...rows] = table.stdout.trim().split('\n');
    assert.match(header!, /^NAMESPACE\s+NAME\s+STATUS\s+LAST EVENT\s+FIRES\s+FAILURES\s+HELD\s+DLQ\s+AGE$/);
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /^default\s+cli-sensor\s+Running\s+<none>\s+0\s+0\s+0\s+0\s+\d+[sm]$/);
    const wide = await cli('get', 'sensors', '-o', 'wide');
    assert.match(wide.stdout.trim().split('\n')[1]!, /\s+sensor:default\/cli-sensor$/);

    const json = await cli('get', 'sensors', '-o', 'json');
    assert.equal(json.code, 0, json.stderr);
    const list = JSON.parse(json.stdout) as { apiVersion: string; kind: string; items: unknown[] };
    const manifest = parse(SENSOR) as { metadata: Record<string, unknown> };
    assert.deepEqual(list, {
      apiVersion: 'v1',
      kind: 'List',
      items: [{ ...manifest, metadata: { ...manifest.metadata, namespace: 'default' } }],
    });
  });

  test('get eventsources -o yaml prints a List holding the manifest', async () => {
    const r = await cliUntil(['get', 'eventsources', '-o', 'yaml'], (x) => x.stdout.includes('cli-source'));
    const manifest = parse(EVENT_SOURCE) as { metadata: Record<string, unknown> };
    assert.deepEqual(parse(r.stdout), {
      apiVersion: 'v1',
      kind: 'List',
      items: [{ ...manifest, metadata: { ...manifest.metadata, namespace: 'default' } }],
    });
  });

  test('explain sensor prints one line per decision; -o json the records; --since limits them', async () => {
    await sendEvent(e, 'cli-sensor', {
      id: 'cli-no',
      source: 'cli-source',
      subject: 'example',
      data: { body: { ok: false } },
    });
    await sendEvent(e, 'cli-sensor', {
      id: 'cli-yes',
      source: 'cli-source',
      subject: 'example',
      data: { body: { ok: true } },
    });
    await waitForDecisions(e, 'cli-sensor', 'result');
    const live = await sensorDecisions(e, 'cli-sensor');

    // Independent runs, in parallel to keep the file short.
    const [text, json, recent, future] = await Promise.all([
      cli('explain', 'sensor', 'cli-sensor'),
      cli('explain', 'sensor', 'cli-sensor', '-o', 'json'),
      cli('explain', 'sensor', 'cli-sensor', '--since', '1h'),
      cli('explain', 'sensor', 'cli-sensor', '--since', '2099-01-01T00:00:00Z'),
    ]);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trim().split('\n');
    assert.equal(lines.length, live.length, text.stdout);
    assert.ok(
      lines.some((l) => /\bevent\s+cli-no from cli-source\/example: dep rejected \(.*body\.ok/.test(l)),
      text.stdout,
    );
    assert.ok(
      lines.some((l) => /\bevent\s+cli-yes from cli-source\/example: dep accepted/.test(l)),
      text.stdout,
    );
    assert.ok(
      lines.some((l) => /\bfired\s+trigger log-it \S+: dep=cli-yes, key \S+/.test(l)),
      text.stdout,
    );

    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { sensor: string; decisions: unknown[] };
    assert.equal(report.sensor, 'sensor:default/cli-sensor');
    assert.deepEqual(report.decisions, live, 'explain rebuilds exactly the decisions the Sensor made');

    assert.equal(recent.stdout, text.stdout);
    assert.equal(future.code, 0, future.stderr);
    assert.equal(future.stdout.trim(), 'no decisions in that period');
  });

  test('get shows the fires and the last event the Sensor recorded, and the EventSource its last event', async () => {
    // After the explain test: one event rejected, one that fired the log trigger once.
    const sensors = await cliUntil(['get', 'sensors'], (r) =>
      /cli-sensor\s+Running\s+\d+s\s+1\s/.test(r.stdout),
    );
    assert.match(sensors.stdout, /^default\s+cli-sensor\s+Running\s+\d+s\s+1\s+0\s+0\s+0\s+\d+[sm]$/m);
    const sources = await cli('get', 'eventsources');
    assert.equal(sources.code, 0, sources.stderr);
    assert.match(sources.stdout, /^NAMESPACE\s+NAME\s+EVENTS\s+LAST EVENT\s+AGE$/m);
    assert.match(sources.stdout, /^default\s+cli-source\s+webhook\/example\s+\d+s\s+\d+[sm]$/m);
  });

  test('delete sensor stops it and get no longer lists it; an unknown name exits 1', async () => {
    const r = await cli('delete', 'sensor', 'cli-sensor');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'sensor/default/cli-sensor deleted');
    const after = await cliUntil(['get', 'sensors'], (x) => !x.stdout.includes('cli-sensor'));
    assert.equal(after.stdout.trim(), 'No sensors found.');

    const missing = await cli('delete', 'sensor', 'nope');
    assert.equal(missing.code, 1);
    assert.equal(
      missing.stderr.trim(),
      'error: Sensor default/nope not found (list them with: eventide get sensors)',
    );
    // A Sensor that has already been deleted is not found either.
    const twice = await cli('delete', 'sensor', 'cli-sensor');
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /Sensor default\/cli-sensor not found/);
  });

  test('replay passes the recorded histories and fails a history the code does not match', async () => {
    const files = readdirSync(HISTORIES)
      .filter((f) => f.endsWith('.json') && !f.endsWith('.decisions.json'))
      .map((f) => join(HISTORIES, f));
    assert.ok(files.length >= 3);
    // The same history, but the trigger activity it scheduled had another type: the current
    // code schedules runTrigger there, a determinism violation.
    const history = JSON.parse(readFileSync(join(HISTORIES, 'replay-delivery.run1.json'), 'utf8')) as {
      events: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[];
    };
    let renamed = 0;
    for (const ev of history.events) {
      const type = ev.activityTaskScheduledEventAttributes?.activityType;
      if (type?.name === 'runTrigger') {
        type.name = 'runTriggerRenamed';
        renamed++;
      }
    }
    assert.ok(renamed > 0);
    const tampered = join(scratch, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(history));
    const notHistory = join(scratch, 'not-a-history.json');
    writeFileSync(notHistory, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }));

    const [ok, bad, wrong] = await Promise.all([
      runCli(['replay', ...files], {}, CLI_TIMEOUT_MS),
      runCli(['replay', tampered], {}, CLI_TIMEOUT_MS),
      runCli(['replay', notHistory], {}, CLI_TIMEOUT_MS),
    ]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const lines = ok.stdout.trim().split('\n');
    assert.equal(lines.length, files.length);
    for (const l of lines) assert.match(l, /^ok {3}\S+\.json: \d+ decisions replayed$/);

    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(
      bad.stdout,
      new RegExp(`^FAIL ${tampered.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*runTrigger`, 'm'),
    );
    assert.match(bad.stderr, /1 of 1 histories do not replay with this code/);

    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /not-a-history\.json is not a Temporal history in JSON/);
  });

  test('apply on a fresh Temporal server registers the search attributes itself', async (t) => {
    const temporal = findTemporalCli();
    if (!temporal) return t.skip('no temporal CLI (set TEMPORAL_CLI_PATH)');
    const port = await freePort();
    // A bare dev server: none of Eventide's search attributes, no worker.
    const bare = await startServer({
      name: 'temporal-bare',
      command: temporal,
      args: [
        'server',
        'start-dev',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--headless',
        '--log-level',
        'error',
      ],
      ready: () => tcpOpen(port),
    });
    try {
      const r = await waitFor(
        async () => {
          const x = await runCli(
            ['apply', '-f', dir],
            { TEMPORAL_ADDRESS: `127.0.0.1:${port}` },
            CLI_TIMEOUT_MS,
          );
          // The frontend opens its port a moment before it serves.
          return !/cannot reach Temporal/.test(x.stderr) && x;
        },
        { what: 'apply against the bare server', intervalMs: 500 },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.trim().split('\n'), [
        'eventsource/default/cli-source created',
        'sensor/default/cli-sensor created',
      ]);
    } finally {
      await bare.stop();
    }
  });

  test('every command that needs Temporal exits 2 when it cannot reach it', async () => {
    for (const r of await unreachableRuns) {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^error: cannot reach Temporal at 127\.0\.0\.1:1 /);
    }
  });
});
