import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BudgetExceeded,
  chargeWork,
  checkTaskDeadline,
  clearTaskDeadline,
  realNowMs,
  resetWork,
  setTaskDeadline,
  TaskDeadlineExceeded,
  workUsed,
} from '../../../../src/lang/budget/index.js';

test('work meter adds charges until reset', () => {
  resetWork();
  chargeWork(5);
  chargeWork(7);
  assert.equal(workUsed(), 12);
  resetWork();
  assert.equal(workUsed(), 0);
});

test('task deadline throws only once passed, and not after clearing', () => {
  setTaskDeadline(realNowMs() + 60_000);
  assert.doesNotThrow(checkTaskDeadline);
  setTaskDeadline(realNowMs() - 1);
  assert.throws(checkTaskDeadline, TaskDeadlineExceeded);
  clearTaskDeadline();
  assert.doesNotThrow(checkTaskDeadline);
});

test('realNowMs advances', async () => {
  const a = realNowMs();
  await new Promise((r) => setTimeout(r, 5));
  assert.ok(realNowMs() > a);
});

test('BudgetExceeded names the limit and its number', () => {
  assert.equal(
    new BudgetExceeded('jq program', 'steps', 10).message,
    'jq program exceeded its budget of 10 steps',
  );
});
