// The connection lifecycle: opened once per key and reused, reopened after a failed open,
// closed on shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TriggerRequest } from '../../../activities/trigger-context.js';
import {
  closeTriggerConnections,
  connectionFor,
  openTriggerConnectionCount,
} from '../../../activities/triggers/trigger-connections.js';
import { defineTriggerType } from '../../../activities/triggers/trigger-type.js';

function request(target: string): TriggerRequest {
  return { fire: { template: { target } } } as unknown as TriggerRequest;
}

test('one connection per key, reused across fires, closed on shutdown', async () => {
  const opened: string[] = [];
  const closed: string[] = [];
  let failNext = false;
  const d = defineTriggerType<{ target: string }>({
    type: 'fake',
    validate: () => undefined,
    connection: {
      key: (req) => String(req.fire.template.target),
      open: async (req) => {
        const target = String(req.fire.template.target);
        if (failNext) {
          failNext = false;
          throw new Error('refused');
        }
        opened.push(target);
        return { target };
      },
      close: async (c) => {
        closed.push(c.target);
      },
    },
    execute: async (_req, conn) => conn?.target,
  });
  const a1 = await connectionFor(d, request('a'));
  const a2 = await connectionFor(d, request('a'));
  await connectionFor(d, request('b'));
  assert.equal(a1, a2);
  assert.deepEqual(opened, ['a', 'b']);
  failNext = true;
  await assert.rejects(connectionFor(d, request('c'))!, /refused/);
  await connectionFor(d, request('c'));
  assert.deepEqual(opened, ['a', 'b', 'c']);
  assert.equal(openTriggerConnectionCount(), 3);
  await closeTriggerConnections();
  assert.deepEqual(closed.sort(), ['a', 'b', 'c']);
  assert.equal(openTriggerConnectionCount(), 0);
});

test('a type without a connection gets none', () => {
  const d = defineTriggerType({ type: 'plain', validate: () => undefined, execute: async () => 'ok' });
  assert.equal(connectionFor(d, request('a')), undefined);
});
