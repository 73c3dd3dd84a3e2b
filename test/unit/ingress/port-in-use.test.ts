// A port the ingress cannot open is logged once and retried with backoff, not on every refresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PortRetry } from '../../../src/ingress/port-in-use.js';

test('EADDRINUSE is logged once and retried with growing delays', () => {
  let now = 0;
  const logs: Record<string, unknown>[] = [];
  const retry = new PortRetry(
    (msg, f) => logs.push({ msg, ...f }),
    () => now,
  );
  const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 0.0.0.0:1'), {
    code: 'EADDRINUSE',
  });
  assert.equal(retry.due(1), true);
  retry.failed(1, inUse);
  assert.equal(logs.length, 1);
  assert.equal(logs[0]!.msg, 'cannot listen');
  assert.equal(logs[0]!.port, 1);
  assert.equal(retry.due(1), false);
  now = 1_999;
  assert.equal(retry.due(1), false);
  now = 2_000;
  assert.equal(retry.due(1), true);
  retry.failed(1, inUse);
  assert.equal(logs.length, 1, 'the same reason is not logged again');
  now = 5_999;
  assert.equal(retry.due(1), false, 'second delay is 4 s');
  now = 6_000;
  assert.equal(retry.due(1), true);
  for (let i = 0; i < 20; i++) retry.failed(1, inUse);
  now += 60_000;
  assert.equal(retry.due(1), true, 'delays are capped at 60 s');
  retry.failed(1, Object.assign(new Error('permission denied'), { code: 'EACCES' }));
  assert.equal(logs.length, 2, 'a new reason is logged');
  assert.equal(retry.due(2), true, 'other ports are unaffected');
});
