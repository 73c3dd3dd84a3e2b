// EventSource workflows that were running before a change must keep replaying. The history here
// was recorded with the code at commit a69c775 (before the generic source-listener activity): a
// file event and a calendar event, then a spec update that cancels and restarts the file
// listener, which that code ran as the `listenFiles` activity. The current code must schedule
// the same activities for it (the 'eventide-generic-source-listener' patch), or the replay fails
// with a determinism violation. Never re-record it to make this pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../src/temporal/workflow-bundle.js';
import { installRuntimeOnce } from '../../src/runtime/worker.js';

const HISTORY = new URL('./eventsource-histories/file-listener-before-generic.json', import.meta.url);

test('an EventSource history from before the generic listener replays on the current code', async () => {
  installRuntimeOnce();
  const history = historyFromJSON(JSON.parse(readFileSync(HISTORY, 'utf8')));
  const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes);
  assert.deepEqual(
    scheduled.map((e) => e.activityTaskScheduledEventAttributes!.activityType!.name),
    ['listenFiles', 'listenFiles'],
    'the recorded history is the one this test is about',
  );
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle() },
    history,
    'eventsource:default/files',
  );
});
