// The recorded Sensor histories also replay with the workflow bundle of a tracing worker
// (OpenTelemetry workflow interceptors bundled in): a worker started with OTEL_* set takes over
// Sensors that ran untraced without a determinism violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadHistoryFile } from '../../src/cli/commands/replay.js';
import { replayErrors } from '../support/traced-replay.js';

const DIR = fileURLToPath(new URL('./histories/', import.meta.url));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.decisions.json'))
  .sort();

test('every recorded history replays with the tracing workflow interceptors', async () => {
  assert.ok(files.length >= 3, `found ${files.length} histories`);
  const errors = await replayErrors(
    files.map((f) => loadHistoryFile(join(DIR, f))),
    true,
  );
  for (const [i, error] of errors.entries())
    assert.equal(error, undefined, `${files[i]} does not replay traced`);
  assert.equal(errors.length, files.length);
});
