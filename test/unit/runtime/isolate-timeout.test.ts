import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isolateTimeoutMs } from '../../../src/runtime/worker.js';

test('the workflow activation limit is 15 s unless EVENTIDE_WORKFLOW_ISOLATE_TIMEOUT_MS says otherwise', () => {
  assert.equal(isolateTimeoutMs({}), 15_000);
  assert.equal(isolateTimeoutMs({ EVENTIDE_WORKFLOW_ISOLATE_TIMEOUT_MS: '30000' }), 30_000);
  // Not a positive whole number of ms: the default, rather than no limit at all.
  for (const bad of ['0', '-1', 'soon', '1.5'])
    assert.equal(isolateTimeoutMs({ EVENTIDE_WORKFLOW_ISOLATE_TIMEOUT_MS: bad }), 15_000, bad);
});
