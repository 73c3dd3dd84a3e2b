// Every hostile user program is rejected by a decision that names the budget it exhausted, with the
// same work charged on every run; the real-clock backstop propagates out of step() instead.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  clearTaskDeadline,
  realNowMs,
  resetWork,
  setTaskDeadline,
  TaskDeadlineExceeded,
  workUsed,
} from '../../../src/lang/budget/index.js';
import { dep, Driver, ev, logTrigger, spec } from './engine-fixtures.js';

afterEach(() => clearTaskDeadline());

function rejection(
  dependency: Record<string, unknown>,
  data: unknown = { a: 1 },
): { reason: string; work: number } {
  const d = new Driver(spec([dep('d', 'd', dependency)], [logTrigger('t')]));
  resetWork();
  const { decisions, fires } = d.event(ev('d', data));
  assert.equal(fires.length, 0);
  const verdicts = decisions.flatMap(
    (x) =>
      ((x as { dependencies?: unknown[] }).dependencies ?? []) as {
        accepted: boolean;
        reason?: string;
      }[],
  );
  assert.equal(verdicts.length, 1, JSON.stringify(decisions));
  assert.equal(verdicts[0]!.accepted, false);
  return { reason: verdicts[0]!.reason ?? '', work: workUsed() };
}

const hostile: [string, Record<string, unknown>, RegExp, unknown?][] = [
  ['Lua endless loop', { filters: { script: 'while true do end' } }, /budget of 100000 instructions/],
  [
    'Lua string blow-up',
    { filters: { script: 'local s = string.rep("x", 5000000) return true' } },
    /limit is 1048576 bytes/,
  ],
  [
    'Lua transform loop',
    { transform: { script: 'while true do end return event' } },
    /budget of 100000 instructions/,
  ],
  ['jq repeat', { transform: { jq: '[limit(1e9; repeat(.))] | {}' } }, /step budget \(500000 steps\)/],
  ['jq huge range', { transform: { jq: '[range(1e9)] | {}' } }, /step budget \(500000 steps\)/],
  [
    'jq object built key by key (copy-on-write, quadratic)',
    { transform: { jq: 'reduce range(1e9) as $i ({}; .["k\\($i)"] = $i)' } },
    /step budget \(500000 steps\)/,
  ],
  [
    'jq object added to itself',
    { transform: { jq: 'reduce range(1e9) as $i ({}; . + {"k\\($i)": $i})' } },
    /step budget \(500000 steps\)/,
  ],
  ['jq string blow-up', { transform: { jq: '{s: ("x" * 5000000)}' } }, /budget of 1048576/],
  [
    'recursive template',
    {
      filters: {
        data: [
          {
            path: 'a',
            type: 'string',
            value: ['x'],
            template: '{{define "x"}}{{template "x" .}}{{end}}{{template "x" .}}',
          },
        ],
      },
    },
    /budget of 100 nested templates/,
  ],
  [
    'template loop',
    {
      filters: {
        data: [
          {
            path: 'a',
            type: 'string',
            value: ['x'],
            template: '{{range until 100000}}{{range until 1000}}x{{end}}{{end}}',
          },
        ],
      },
    },
    /budget of 500000 steps/,
  ],
  [
    'sprig repeat',
    {
      filters: { data: [{ path: 'a', type: 'string', value: ['x'], template: '{{repeat 100000000 "x"}}' }] },
    },
    /repeat/,
  ],
];

for (const [name, dependency, reason] of hostile) {
  test(`${name} is rejected by its budget, deterministically`, () => {
    const first = rejection(dependency);
    assert.match(first.reason, reason);
    const second = rejection(dependency);
    assert.equal(second.reason, first.reason);
    assert.equal(second.work, first.work, 'the same work is charged on every run');
  });
}

test('10,000-level nested event data is rejected, not thrown', () => {
  let data: unknown = 1;
  for (let i = 0; i < 10_000; i++) data = { a: data };
  const lua = rejection({ filters: { script: 'return true' } }, data);
  assert.match(lua.reason, /nest|deep|level/i);
  const jq = rejection({ transform: { jq: '.' } }, data);
  assert.match(jq.reason, /nest|deep|level/i);
});

test('a 5 MB string in a Lua transform is refused by the string budget', () => {
  const r = rejection({ transform: { script: 'event.s = string.rep("y", 5 * 1024 * 1024) return event' } });
  assert.match(r.reason, /limit is 1048576 bytes/);
});

test('the work meter counts the steps programs charged', () => {
  resetWork();
  assert.equal(workUsed(), 0);
  rejection({ filters: { script: 'while true do end' } });
  assert.ok(workUsed() > 100_000, `work ${workUsed()}`);
  resetWork();
  assert.equal(workUsed(), 0);
});

for (const [name, dependency] of [
  ['Lua filter', { filters: { script: 'while true do end' } }],
  ['Lua transform', { transform: { script: 'while true do end return event' } }],
  ['jq transform', { transform: { jq: '[range(1e9)] | {}' } }],
  [
    'template filter',
    {
      filters: {
        data: [
          {
            path: 'a',
            type: 'string',
            value: ['x'],
            template: '{{range until 100000}}{{range until 1000}}x{{end}}{{end}}',
          },
        ],
      },
    },
  ],
] as const) {
  test(`${name}: a passed task deadline propagates out of step()`, () => {
    const d = new Driver(spec([dep('d', 'd', dependency)], [logTrigger('t')]));
    setTaskDeadline(realNowMs() - 1);
    assert.throws(() => d.event(ev('d', { a: 1 })), TaskDeadlineExceeded);
    clearTaskDeadline();
    assert.doesNotThrow(() => d.event(ev('d', { a: 1 })));
  });
}
