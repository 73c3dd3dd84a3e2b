// Without OTEL_* configuration no tracing starts and no OpenTelemetry SDK module is even loaded,
// in a process that loads what a worker and the ingress load; with an endpoint set, the same
// process does load and start it (so the first assertion can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { tracingDecision } from '../../../src/tracing/tracing-config.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

test('tracing is on only when an OTLP endpoint is configured', () => {
  assert.equal(tracingDecision({}).enabled, false);
  assert.match((tracingDecision({}) as { reason: string }).reason, /OTEL_EXPORTER_OTLP_ENDPOINT/);
  assert.equal(tracingDecision({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' }).enabled, false);
  assert.equal(tracingDecision({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).enabled, true);
  assert.equal(
    tracingDecision({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }).enabled,
    true,
  );
  assert.equal(tracingDecision({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }).enabled, false);
  assert.equal(
    tracingDecision({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }).enabled,
    false,
  );
  assert.equal(
    tracingDecision({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).enabled,
    false,
  );
});

// Loads the worker, ingress and trigger code, asks for tracing as startEventide does, and says
// whether it started; the hooks record every SDK module imported.
const CHILD = `
import { register } from 'node:module';
register(${JSON.stringify(new URL('../../support/record-otel-imports.mjs', import.meta.url).href)});
await import('./src/runtime/start-eventide.ts');
const { startTracing, activeTracing, stopTracing } = await import('./src/tracing/tracing.ts');
const started = await startTracing();
const cjs = Object.keys((await import('node:module')).createRequire(import.meta.url).cache)
  .filter((p) => /@opentelemetry[\\\\/](sdk-|exporter-|resources|otlp-)/.test(p));
console.log(JSON.stringify({ started: started !== undefined, active: activeTracing() !== undefined, cjs }));
await stopTracing();
process.exit(0);
`;

async function child(env: Record<string, string>) {
  const record = join(mkdtempSync(join(tmpdir(), 'otel-imports-')), 'imports.txt');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: ROOT,
    env: { ...clean, ...env, RECORD_OTEL_IMPORTS: record },
  });
  const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    started: boolean;
    active: boolean;
    cjs: string[];
  };
  const imported = existsSync(record) ? readFileSync(record, 'utf8').split('\n').filter(Boolean) : [];
  return { ...out, imported };
}

test('with no OTEL_* configuration no exporter starts and no SDK module is loaded', async () => {
  const off = await child({});
  assert.equal(off.started, false);
  assert.equal(off.active, false);
  assert.deepEqual(off.imported, [], 'SDK modules imported');
  assert.deepEqual(off.cjs, [], 'SDK modules required');
});

test('with an endpoint configured the same process starts the SDK', async () => {
  // A closed port: nothing is exported in this test (no span is made), the exporter only exists.
  const on = await child({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
  assert.ok(
    on.imported.length > 0,
    'the import hooks recorded the SDK modules (so the empty list above means something)',
  );
  assert.equal(on.started, true);
  assert.equal(on.active, true);
  assert.ok(
    on.imported.some((u) => u.includes('exporter-trace-otlp-http')) ||
      on.cjs.some((u) => u.includes('exporter-trace-otlp-http')),
    `the OTLP exporter was loaded: ${[...on.imported, ...on.cjs].join(', ')}`,
  );
});
