import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workflowSemiSpaceMb } from '../../../src/runtime/worker.js';

test('the workflow isolate young generation is 1 MB per semi-space unless EVENTIDE_WORKFLOW_SEMI_SPACE_MB says otherwise', () => {
  assert.equal(workflowSemiSpaceMb({}), 1);
  assert.equal(workflowSemiSpaceMb({ EVENTIDE_WORKFLOW_SEMI_SPACE_MB: '16' }), 16);
  for (const bad of ['0', '-1', 'big', '1.5'])
    assert.equal(workflowSemiSpaceMb({ EVENTIDE_WORKFLOW_SEMI_SPACE_MB: bad }), 1, bad);
});
