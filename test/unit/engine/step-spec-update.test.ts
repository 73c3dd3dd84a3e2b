import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Driver, T0, dep, ev, logTrigger, spec } from './engine-fixtures.js';

test('a spec update keeps held events of unchanged dependencies and drops changed ones, saying why', () => {
  const d = new Driver(
    spec([dep('a'), dep('b'), dep('c')], [logTrigger('t', { conditions: 'a && b && c' })]),
  );
  d.event(ev('a'));
  d.event(ev('b'));
  const changed = spec(
    [dep('a'), dep('b', 'b', { filters: { data: [{ path: 'x', type: 'string', value: ['y'] }] } }), dep('c')],
    [logTrigger('t', { conditions: 'a && b && c' })],
  );
  const { decisions } = d.run({ kind: 'spec', now: T0 + 1000, spec: changed });
  assert.equal(decisions.length, 1);
  const u = decisions[0]!;
  assert.ok(u.kind === 'spec-updated');
  assert.deepEqual(u.changedDependencies, ['b']);
  assert.deepEqual(
    u.dropped.map((x) => [x.dependency, x.why]),
    [['b', 'dependency changed']],
  );
  assert.deepEqual(Object.keys(d.state.triggers.t!.held), ['a']);
});

test('re-applying the same spec changes nothing and records nothing', () => {
  const s = spec([dep('a'), dep('b')], [logTrigger('t')]);
  const d = new Driver(s);
  d.event(ev('a'));
  const { decisions } = d.run({ kind: 'spec', now: T0, spec: JSON.parse(JSON.stringify(s)) });
  assert.deepEqual(decisions, []);
  assert.deepEqual(Object.keys(d.state.triggers.t!.held), ['a']);
});

test('a removed trigger drops its held events; a new one starts empty', () => {
  const d = new Driver(spec([dep('a'), dep('b')], [logTrigger('old')]));
  d.event(ev('a'));
  const { decisions } = d.run({
    kind: 'spec',
    now: T0,
    spec: spec([dep('a'), dep('b')], [logTrigger('new')]),
  });
  const u = decisions[0]!;
  assert.ok(u.kind === 'spec-updated');
  assert.deepEqual(
    u.dropped.map((x) => [x.trigger, x.why]),
    [['old', 'trigger removed']],
  );
  assert.deepEqual(Object.keys(d.state.triggers), ['new']);
});

test('a new correlation window applies to events already held', () => {
  const d = new Driver(spec([dep('a'), dep('b')], [logTrigger('t')]));
  d.event(ev('a'), T0);
  d.run({
    kind: 'spec',
    now: T0 + 500,
    spec: spec([dep('a'), dep('b')], [logTrigger('t', { correlationWindow: '1s' })]),
  });
  assert.equal(d.state.triggers.t!.held.a!.expiresAt, T0 + 1000);
  const { decisions } = d.tick(T0 + 1000);
  assert.ok(decisions.some((x) => x.kind === 'expired' && x.dependency === 'a'));
});
