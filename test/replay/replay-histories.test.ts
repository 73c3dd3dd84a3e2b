// Replays every recorded Sensor history against the current code: it must replay without a
// determinism violation and make exactly the decisions recorded with it. A failure here means
// a change would decide differently for Sensors already running: guard it (README, "Changing
// the engine") instead of re-recording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadHistoryFile } from '../../src/cli/commands/replay.js';
import { replayDecisions } from '../../src/audit/replay-decisions.js';

const DIR = fileURLToPath(new URL('./histories/', import.meta.url));
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.decisions.json'))
  .sort();

test('there are recorded histories to replay', () => {
  assert.ok(files.length >= 3, `found ${files.length}`);
});

test('every recorded history replays with the same decisions', async () => {
  const runs = await replayDecisions(files.map((f) => loadHistoryFile(join(DIR, f))));
  for (const [i, run] of runs.entries()) {
    const file = files[i]!;
    assert.equal(run.error, undefined, `${file} does not replay: ${run.error}`);
    const expected = JSON.parse(readFileSync(join(DIR, file.replace(/\.json$/, '.decisions.json')), 'utf8'));
    assert.deepEqual(run.decisions, expected, `${file}: decisions changed`);
  }
});
