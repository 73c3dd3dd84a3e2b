import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Driver, T0, dep, ev, logTrigger, spec } from './engine-fixtures.js';

test('default conditions AND every dependency: fires once all arrived, then resets', () => {
  const d = new Driver(spec([dep('a'), dep('b')], [logTrigger('t')]));
  assert.equal(d.event(ev('a')).fires.length, 0);
  const { fires } = d.event(ev('b'));
  assert.equal(fires.length, 1);
  assert.deepEqual(Object.keys(fires[0]!.events).sort(), ['a', 'b']);
  assert.deepEqual(d.state.triggers.t!.held, {}, 'state is reset after firing');
  assert.equal(d.event(ev('b')).fires.length, 0, 'a fresh round needs a again');
});

test('a later event for the same dependency replaces the held one', () => {
  const d = new Driver(spec([dep('a'), dep('b')], [logTrigger('t')]));
  const first = ev('a');
  const second = ev('a');
  d.event(first);
  const { decisions } = d.event(second);
  const held = decisions.find((x) => x.kind === 'held');
  assert.ok(held && held.kind === 'held' && held.replaced === first.id);
  const { fires } = d.event(ev('b'));
  assert.equal(fires[0]!.events.a!.context.id, second.id);
});

test('|| without && fires on each event alone and holds nothing (Argo)', () => {
  const d = new Driver(spec([dep('a'), dep('b')], [logTrigger('t', { conditions: 'a || b' })]));
  assert.equal(d.event(ev('a')).fires.length, 1);
  assert.equal(d.event(ev('b')).fires.length, 1);
  assert.deepEqual(d.state.triggers.t!.held, {});
});

test('conditions with parentheses and dashed names', () => {
  const d = new Driver(
    spec(
      [dep('dep-a'), dep('dep-b'), dep('dep-c')],
      [logTrigger('t', { conditions: 'dep-a && (dep-b || dep-c)' })],
    ),
  );
  assert.equal(d.event(ev('dep-c')).fires.length, 0);
  const { fires } = d.event(ev('dep-a'));
  assert.equal(fires.length, 1);
  assert.deepEqual(Object.keys(fires[0]!.events).sort(), ['dep-a', 'dep-c']);
});

test('each trigger keeps its own held events', () => {
  const d = new Driver(
    spec(
      [dep('a'), dep('b')],
      [logTrigger('both', { conditions: 'a && b' }), logTrigger('only-a', { conditions: 'a' })],
    ),
  );
  const r = d.event(ev('a'));
  assert.deepEqual(
    r.fires.map((f) => f.trigger),
    ['only-a'],
  );
  assert.deepEqual(Object.keys(d.state.triggers.both!.held), ['a']);
  assert.deepEqual(
    d.event(ev('b')).fires.map((f) => f.trigger),
    ['both'],
  );
});

test('an event id seen before is dropped as a duplicate', () => {
  const d = new Driver(spec([dep('a')], [logTrigger('t')]));
  const e = ev('a');
  assert.equal(d.event(e).fires.length, 1);
  const again = d.event(e);
  assert.equal(again.fires.length, 0);
  assert.ok(again.decisions.some((x) => x.kind === 'event' && x.duplicate === true));
});

test('an event nobody depends on is recorded with no dependencies', () => {
  const d = new Driver(spec([dep('a')], [logTrigger('t')]));
  const { decisions, fires } = d.event(ev('other'));
  assert.equal(fires.length, 0);
  assert.deepEqual(decisions, [
    {
      kind: 'event',
      at: T0,
      eventId: decisions[0]!.kind === 'event' ? decisions[0]!.eventId : '',
      source: 'src',
      subject: 'other',
      dependencies: [],
    },
  ]);
});

test('a malformed event is rejected with a reason and does not throw', () => {
  const d = new Driver(spec([dep('a')], [logTrigger('t')]));
  const { decisions } = d.run({ kind: 'event', now: T0, event: { id: '', source: 'src' } as never });
  assert.equal(decisions[0]!.kind, 'event');
  assert.match((decisions[0] as { problem: string }).problem, /id/);
});

test('two dependencies on the same event both accept it and can satisfy an AND alone', () => {
  const d = new Driver(spec([dep('x', 'same'), dep('y', 'same')], [logTrigger('t')]));
  const { fires } = d.event(ev('same'));
  assert.equal(fires.length, 1);
  assert.deepEqual(Object.keys(fires[0]!.events).sort(), ['x', 'y']);
});

test('idempotency keys are stable for the same decision and differ across events', () => {
  const a = new Driver(spec([dep('a')], [logTrigger('t')]));
  const b = new Driver(spec([dep('a')], [logTrigger('t')]));
  const e1 = ev('a');
  const k1 = a.event(e1).fires[0]!.idempotencyKey;
  const k2 = b.event({ ...e1 }).fires[0]!.idempotencyKey;
  assert.equal(k1, k2);
  assert.notEqual(a.event(ev('a')).fires[0]!.idempotencyKey, k1);
});
