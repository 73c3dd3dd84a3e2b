// The trigger types validation accepts are exactly the ones the worker can run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_TRIGGER_TYPES } from '../../../src/engine/trigger-types.js';
import { TRIGGER_IMPLEMENTATIONS } from '../../../activities/triggers/index.js';

test('SUPPORTED_TRIGGER_TYPES equals the keys of TRIGGER_IMPLEMENTATIONS', () => {
  assert.deepEqual([...SUPPORTED_TRIGGER_TYPES].sort(), Object.keys(TRIGGER_IMPLEMENTATIONS).sort());
});
