import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextWakeAt } from '../../../src/engine/index.js';
import { Driver, T0, dep, ev, logTrigger, spec } from './engine-fixtures.js';

test('a correlation window expires a held event at heldAt + window, not before', () => {
  const d = new Driver(spec([dep('a'), dep('b')], [logTrigger('t', { correlationWindow: '2s' })]));
  d.event(ev('a'), T0);
  assert.equal(nextWakeAt(d.state), T0 + 2000);
  assert.deepEqual(d.tick(T0 + 1999).decisions, []);
  const late = d.event(ev('b'), T0 + 2000);
  assert.equal(late.fires.length, 0, 'b at exactly 2 s is too late');
  assert.ok(late.decisions[0]!.kind === 'expired');
});

test('conditionsReset drops events held before the tick and schedules the next one', () => {
  const d = new Driver(
    spec([dep('a'), dep('b')], [logTrigger('t', { conditionsReset: [{ byTime: { cron: '0 * * * *' } }] })]),
    Date.UTC(2024, 0, 15, 12, 30),
  );
  const hour = Date.UTC(2024, 0, 15, 13, 0);
  d.event(ev('a'), hour - 60_000);
  assert.equal(nextWakeAt(d.state), hour);
  // A worker that was down for hours: one reset covers the missed ticks.
  const { decisions } = d.tick(hour + 3 * 3_600_000 + 5);
  const resets = decisions.filter((x) => x.kind === 'reset');
  assert.equal(resets.length, 1);
  assert.ok(
    resets[0]!.kind === 'reset' && resets[0]!.dropped.length === 1 && resets[0]!.scheduledAt === hour,
  );
  assert.equal(nextWakeAt(d.state), Date.UTC(2024, 0, 15, 17, 0));
});

test('rate limit: fires beyond the limit wait until a slot is free one unit after a fire ended', () => {
  const d = new Driver(
    spec([dep('a')], [logTrigger('t', {}, { rateLimit: { unit: 'Second', requestsPerUnit: 2 } })]),
  );
  const fired = [0, 1, 2, 3].map((i) => d.event(ev('a', { i }), T0).fires.length);
  assert.deepEqual(fired, [1, 1, 0, 0]);
  assert.equal(d.state.triggers.t!.rate!.queue.length, 2);
  d.result('f1', 'succeeded', T0 + 100);
  assert.equal(nextWakeAt(d.state), T0 + 1100);
  assert.equal(d.tick(T0 + 1099).fires.length, 0);
  assert.equal(d.tick(T0 + 1100).fires.length, 1);
});

test('a failed fire goes to the dlqTrigger with the same events; a failed dlq fire does not loop', () => {
  const d = new Driver(
    spec(
      [dep('a')],
      [
        logTrigger(
          't',
          {},
          {
            atLeastOnce: true,
            dlqTrigger: { template: { name: 'dlq', log: {} }, atLeastOnce: true },
          },
        ),
      ],
    ),
  );
  const e = ev('a');
  d.event(e);
  const { fires } = d.result('f1', 'failed');
  assert.equal(fires.length, 1);
  assert.equal(fires[0]!.dlqOf, 'f1');
  assert.equal(fires[0]!.events.a!.context.id, e.id);
  assert.equal(d.result(fires[0]!.fireId, 'failed').fires.length, 0);
});

test('a parameter that cannot be resolved fails the fire with a reason instead of throwing', () => {
  const d = new Driver(
    spec(
      [dep('a')],
      [
        {
          template: {
            name: 't',
            http: {
              url: 'http://x',
              payload: [{ src: { dependencyName: 'a', dataKey: 'missing' }, dest: 'v' }],
            },
          },
        },
      ],
    ),
  );
  const { fires, decisions } = d.event(ev('a', { present: 1 }));
  assert.equal(fires.length, 0);
  const failed = decisions.find((x) => x.kind === 'fire-failed');
  assert.ok(failed && failed.kind === 'fire-failed');
  assert.match(failed.error, /missing/);
});
