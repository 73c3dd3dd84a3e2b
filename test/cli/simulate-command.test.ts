// `eventide simulate`: one JSON line per input event, timer lines for expiries and resets,
// clear errors on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;

async function eventide(...args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, ...args]);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const SENSOR = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: deploy
spec:
  dependencies:
    - name: push
      eventSourceName: github
      eventName: push
      filters:
        data:
          - path: body.ref
            type: string
            value: ["^refs/heads/main$"]
    - name: upload
      eventSourceName: s3
      eventName: upload
  triggers:
    - template:
        name: deploy
        conditions: push && upload
        correlationWindow: 10m
        conditionsReset:
          - byTime:
              cron: "0 0 * * *"
        http:
          url: http://deployer.example/deploy
          payload:
            - src: {dependencyName: push, dataKey: body.after}
              dest: commit
            - src: {dependencyName: upload, dataKey: key}
              dest: artifact
`;

function ev(id: string, source: string, subject: string, time: string, data: unknown) {
  return JSON.stringify({
    specversion: '1.0',
    id,
    source,
    subject,
    type: 'webhook',
    time,
    datacontenttype: 'application/json',
    data,
  });
}

function files(events: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-sim-'));
  writeFileSync(join(dir, 'sensor.yaml'), SENSOR);
  writeFileSync(join(dir, 'events.jsonl'), events.join('\n') + '\n');
  return { sensor: join(dir, 'sensor.yaml'), events: join(dir, 'events.jsonl') };
}

test('one line per event, with verdicts, resolved payload, expiries and resets', async () => {
  const f = files([
    ev('p1', 'github', 'push', '2024-05-01T10:00:00Z', { body: { ref: 'refs/heads/dev', after: 'x' } }),
    ev('p2', 'github', 'push', '2024-05-01T10:01:00Z', { body: { ref: 'refs/heads/main', after: 'abc123' } }),
    ev('u1', 's3', 'upload', '2024-05-01T10:05:00Z', { key: 'build-7.tgz' }),
    ev('p3', 'github', 'push', '2024-05-01T11:00:00Z', { body: { ref: 'refs/heads/main', after: 'def456' } }),
    ev('u2', 's3', 'upload', '2024-05-01T11:30:00Z', { key: 'late.tgz' }),
    ev('p4', 'github', 'push', '2024-05-01T23:59:00Z', { body: { ref: 'refs/heads/main', after: 'fff' } }),
    ev('x1', 'other', 'thing', '2024-05-02T00:00:30Z', {}),
  ]);
  const r = await eventide('simulate', '-f', f.sensor, '--events', f.events);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const eventLines = lines.filter((l) => 'event' in l);
  assert.deepEqual(
    eventLines.map((l) => l.event),
    ['p1', 'p2', 'u1', 'p3', 'u2', 'p4', 'x1'],
  );
  const [p1, , u1, , u2, , x1] = eventLines as {
    dependencies: { name: string; accepted: boolean; reason?: string }[];
    fired: Record<string, unknown>[];
  }[];
  assert.equal(p1!.dependencies[0]!.accepted, false);
  assert.match(p1!.dependencies[0]!.reason!, /refs\/heads\/dev/);
  assert.deepEqual(
    u1!.fired.map((x) => x.trigger),
    ['deploy'],
  );
  assert.deepEqual(u1!.fired[0]!.events, { push: 'p2', upload: 'u1' });
  assert.deepEqual(u1!.fired[0]!.payload, { commit: 'abc123', artifact: 'build-7.tgz' });
  assert.deepEqual(u2!.fired, [], 'u2 came 30 minutes after p3: outside the 10 minute window');
  const expired = lines.find((l) => 'expired' in l) as
    { expired: { event: string; dependency: string } } | undefined;
  assert.deepEqual(expired?.expired.event, 'p3');
  assert.ok(
    lines.indexOf(expired!) < lines.indexOf(eventLines[4]!),
    'the expiry is reported before the event that revealed it',
  );
  const reset = lines.find((l) => 'reset' in l) as
    { reset: { at: string; dropped: { dependency: string; event: string }[] } } | undefined;
  assert.equal(reset?.reset.at, '2024-05-02T00:00:00.000Z');
  assert.deepEqual(reset?.reset.dropped, [{ dependency: 'push', event: 'p4' }]);
  assert.deepEqual(x1!.dependencies, []);
});

test('--human prints a readable report', async () => {
  const f = files([ev('p1', 'github', 'push', '2024-05-01T10:00:00Z', { body: { ref: 'refs/heads/dev' } })]);
  const r = await eventide('simulate', '-f', f.sensor, '--events', f.events, '--human');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /event p1: push: rejected \(data filter/);
});

test('a bad events line is reported with its line number and exit 1', async () => {
  const f = files([ev('p1', 'github', 'push', '2024-05-01T10:00:00Z', {}), '{"id": 1}', 'not json']);
  const r = await eventide('simulate', '-f', f.sensor, '--events', f.events);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /events\.jsonl:2: event\.id must be a non-empty string/);
  assert.match(r.stderr, /events\.jsonl:3: not valid JSON/);
  assert.equal(r.stdout, '', 'nothing is simulated from invalid input');
});

test('an invalid Sensor is reported with file, line and field path', async () => {
  const f = files([]);
  writeFileSync(f.sensor, SENSOR.replace('conditions: push && upload', 'conditions: push && nope'));
  const r = await eventide('simulate', '-f', f.sensor, '--events', f.events);
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /sensor\.yaml:\d+: spec\.triggers\[0\]\.template\.conditions: unknown dependency nope/,
  );
});

test('a user program that runs out of its budget is reported as a rejection, naming the budget', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-sim-'));
  writeFileSync(
    join(dir, 'sensor.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: looping
spec:
  dependencies:
    - name: push
      eventSourceName: github
      eventName: push
      filters:
        script: "while true do end"
    - name: upload
      eventSourceName: s3
      eventName: upload
      transform:
        jq: "[range(1e9)] | {}"
  triggers:
    - template:
        name: t
        conditions: push || upload
        log: {}
`,
  );
  writeFileSync(
    join(dir, 'events.jsonl'),
    [
      ev('p1', 'github', 'push', '2024-05-01T10:00:00Z', { a: 1 }),
      ev('u1', 's3', 'upload', '2024-05-01T10:01:00Z', { a: 1 }),
    ].join('\n') + '\n',
  );
  const r = await eventide('simulate', '-f', join(dir, 'sensor.yaml'), '--events', join(dir, 'events.jsonl'));
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event?: string; dependencies?: { accepted: boolean; reason?: string }[] })
    .filter((l) => l.event !== undefined);
  assert.equal(lines.length, 2);
  assert.equal(lines[0]!.dependencies![0]!.accepted, false);
  assert.match(lines[0]!.dependencies![0]!.reason!, /budget of 100000 instructions/);
  assert.match(lines[1]!.dependencies![0]!.reason!, /step budget \(500000 steps\)/);
});
