// `eventide validate` and `eventide apply` on bad input: file:line: field path, exit 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../src/cli/bin.mjs', import.meta.url).pathname;

async function eventide(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, TEMPORAL_ADDRESS: '127.0.0.1:1' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const BAD_SENSOR = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: broken
spec:
  dependencies:
    - name: dep-a
      eventSourceName: webhook
  triggers:
    - template:
        name: t
        log: {}
`;

test('validate names file, line and field path of each problem and exits 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-validate-'));
  const file = join(dir, 'sensor.yaml');
  writeFileSync(file, BAD_SENSOR);
  const r = await eventide('validate', '-f', file);
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    new RegExp(
      `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:7: spec\\.dependencies\\[0\\]\\.eventName: required`,
    ),
  );
});

test('apply rejects an invalid file before contacting Temporal and applies nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-apply-'));
  writeFileSync(
    join(dir, 'a-good.yaml'),
    BAD_SENSOR.replace('name: broken', 'name: fine').replace(
      'eventSourceName: webhook',
      'eventSourceName: webhook\n      eventName: example',
    ),
  );
  writeFileSync(join(dir, 'b-bad.yaml'), BAD_SENSOR);
  const r = await eventide('apply', '-f', dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /b-bad\.yaml:7: spec\.dependencies\[0\]\.eventName: required/);
  assert.match(r.stderr, /nothing was applied/);
});

test('validate accepts the shipped config', async () => {
  const r = await eventide('validate', '-f', new URL('../../config', import.meta.url).pathname);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /Sensor default\/webhook is valid/);
});

test('a YAML syntax error is reported with its line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-yaml-'));
  const file = join(dir, 'x.yaml');
  writeFileSync(file, 'apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: [unclosed\n');
  const r = await eventide('validate', '-f', file);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /x\.yaml:\d+: YAML syntax/);
});
