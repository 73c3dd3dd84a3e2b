// All filter kinds of one dependency together (filtersLogicalOperator). Expected answers are
// what Argo Events v1.9.11's Filter gives (checked by running it): with "or", any filter error
// discards the event even when another kind passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventDependency } from '../../../../src/vocabulary/manifest-types.js';
import { assertOutcome, exprOf as x, verdict, viewOfText, type Outcome } from './filter-fixtures.js';

type Filters = NonNullable<EventDependency['filters']>;

function check(
  name: string,
  filters: Filters,
  dataText: string | undefined,
  op: '' | 'and' | 'or',
  want: Outcome,
) {
  test(name, () => {
    const view = viewOfText(dataText, {
      type: 'webhook',
      source: 'webhook-gateway',
      time: '2024-07-15T16:36:34Z',
    });
    assertOutcome(verdict(filters, view, op), want);
  });
}

const kv = '{"k": "v"}';
const all: Filters = {
  time: { start: '09:09:09', stop: '19:19:19' },
  context: { type: 'webhook', source: 'webhook-gateway' },
  data: [{ path: 'k', type: 'string', value: ['v'] }],
  exprs: [x('k != "x"', { k: 'k' })],
};
check('and: every kind passes (Argo test)', all, kv, 'and', 'pass');
check(
  'and: time outside (Argo test)',
  { ...all, time: { start: '09:09:09', stop: '10:10:10' } },
  kv,
  'and',
  'fail',
);
check(
  'and: context differs (Argo test)',
  { ...all, context: { type: 'webhook', source: 'webhook-fake' } },
  kv,
  'and',
  'fail',
);
check(
  'and: data differs (Argo test)',
  { ...all, exprs: [x('k == "x"', { k: 'k' })] },
  '{"k": "x"}',
  'and',
  'fail',
);
check('and: expr false (Argo test)', { ...all, exprs: [x('k != "v"', { k: 'k' })] }, kv, 'and', 'fail');
check('and: an expr syntax error (Argo test)', { exprs: [x('k !== "x"', { k: 'k' })] }, kv, 'and', 'error');
check(
  'and: a data filter without values (Argo test)',
  { data: [{ path: 'k', type: 'string', value: [] }] },
  kv,
  'and',
  'error',
);
check('and: a bad time (Argo test)', { time: { start: '09:09:09', stop: '10:10' } }, kv, 'and', 'error');
check('an empty filter block passes (Argo test)', {}, kv, 'and', 'pass');
check(
  'a missing data path is an error (Argo test)',
  { data: [{ path: 'z', type: 'string', value: ['v'] }] },
  kv,
  'and',
  'error',
);

const ctxOk = { type: 'webhook', source: 'webhook-gateway' };
const missing = [{ path: 'z', type: 'string' as const, value: ['v'] }];
check(
  '"" behaves as and: context ok, data false (Argo test)',
  { context: ctxOk, data: [{ path: 'k', type: 'string', value: ['z'] }] },
  kv,
  '',
  'fail',
);
check('"" behaves as and: data error (Argo test)', { context: ctxOk, data: missing }, kv, '', 'error');
check(
  'and: context false, data ok (Argo test)',
  { context: { ...ctxOk, source: 'webhook-fake' }, data: [{ path: 'k', type: 'string', value: ['v'] }] },
  kv,
  'and',
  'fail',
);

// filtersLogicalOperator: or
check(
  'or: context passes but the data path is missing: discarded',
  { context: ctxOk, data: missing },
  kv,
  'or',
  'error',
);
check(
  'or: context passes, data false: passes',
  { context: ctxOk, data: [{ path: 'k', type: 'string', value: ['x'] }] },
  kv,
  'or',
  'pass',
);
check(
  'or: an expr field is missing, data passes: discarded',
  { exprs: [x('a == 1', { a: 'zz' })], data: [{ path: 'k', type: 'string', value: ['v'] }] },
  kv,
  'or',
  'error',
);
check(
  'or: a bad time, data passes: discarded',
  { time: { start: 'x', stop: '10:00:00' }, data: [{ path: 'k', type: 'string', value: ['v'] }] },
  kv,
  'or',
  'error',
);
check(
  'or: a script error, data passes: discarded',
  { script: 'error("x")', data: [{ path: 'k', type: 'string', value: ['v'] }] },
  kv,
  'or',
  'error',
);
check(
  'or: script false, data passes: passes',
  { script: 'return false', data: [{ path: 'k', type: 'string', value: ['v'] }] },
  kv,
  'or',
  'pass',
);
check(
  'or: everything false: fails',
  { script: 'return false', data: [{ path: 'k', type: 'string', value: ['x'] }] },
  kv,
  'or',
  'fail',
);
check('or: nothing set: fails', {}, kv, 'or', 'fail');
check('or: data: [] counts as passing', { data: [] }, kv, 'or', 'pass');
check('or: exprs: [] (and) counts as passing', { exprs: [] }, kv, 'or', 'pass');
check('or: an empty context counts as passing', { context: {} }, kv, 'or', 'pass');
check(
  'or: dataLogicalOperator or absorbs a missing path when another data filter matches',
  {
    dataLogicalOperator: 'or',
    data: [...missing, { path: 'k', type: 'string', value: ['v'] }],
    context: { source: 'nope' },
  },
  kv,
  'or',
  'pass',
);
check(
  'or: a data "or" list that only errors discards the event',
  { dataLogicalOperator: 'or', data: missing, context: ctxOk },
  kv,
  'or',
  'error',
);
check(
  'or: an expr "or" list that only errors discards the event',
  { exprLogicalOperator: 'or', exprs: [x('a == 1', { a: 'zz' })], context: ctxOk },
  kv,
  'or',
  'error',
);
check(
  'or: data not JSON discards the event',
  { context: ctxOk, data: [{ path: 'k', type: 'string', value: ['x'] }] },
  'zz',
  'or',
  'error',
);
check(
  'or: no data, context false, data filter passes for lack of data',
  { context: { source: 'nope' }, data: [{ path: 'k', type: 'string', value: ['x'] }] },
  undefined,
  'or',
  'pass',
);
check(
  '"OR" is not "or"',
  { context: ctxOk, data: [{ path: 'k', type: 'string', value: ['x'] }] },
  kv,
  'OR' as '',
  'fail',
);
check(
  'or: a subset of kinds, all false (Argo test)',
  {
    exprs: [x('A == "not-valid"', { A: 'a.b' })],
    data: [
      { path: 'a.d.e.f', type: 'string', value: ['not-valid'] },
      { path: 'a.h.i', type: 'string', value: ['not-valid', 'not-valid-2'] },
    ],
  },
  '{"a":{"b":"c","d":{"e":{"f":"g"}},"h":{"i":"j"}}}',
  'or',
  'fail',
);

// nested logic (Argo tests)
const abcd = '{ "a": "x", "b": 10, "c": { "d": "hello world", "e": false } }';
const A = { path: 'a', type: 'string' as const, value: ['x'] };
const B = (n: string) => ({ path: 'b', type: 'number' as const, value: [n] });
const C = (s: string) => x(`d == "${s}"`, { d: 'c.d' });
const D = (b: boolean) => x(`e == ${b}`, { e: 'c.e' });
check('(A && B) && (C && D)', { data: [A, B('10')], exprs: [C('hello world'), D(false)] }, abcd, '', 'pass');
check(
  '(A && B) && (C && D) with an error',
  { data: [{ ...A, path: 'z' }, B('10')], exprs: [C('hello world'), x('e == false"', { e: 'c.e' })] },
  abcd,
  '',
  'error',
);
check(
  '(A && B) || (C && D)',
  {
    dataLogicalOperator: 'and',
    data: [A, B('10')],
    exprLogicalOperator: 'and',
    exprs: [C('hello world'), D(true)],
  },
  abcd,
  'or',
  'pass',
);
check(
  '(A || B) && (C || D)',
  {
    dataLogicalOperator: 'or',
    data: [A, B('11')],
    exprLogicalOperator: 'or',
    exprs: [C('hello world'), D(true)],
  },
  abcd,
  'and',
  'pass',
);
check(
  '(A || B) || (C || D)',
  {
    dataLogicalOperator: 'or',
    data: [{ ...A, value: ['y'] }, B('11')],
    exprLogicalOperator: 'or',
    exprs: [C('hello world'), D(false)],
  },
  abcd,
  'or',
  'pass',
);
check(
  '(A && B) || (C || D)',
  {
    dataLogicalOperator: 'and',
    data: [A, B('10')],
    exprLogicalOperator: 'or',
    exprs: [C('hello everybody'), D(true)],
  },
  abcd,
  'or',
  'pass',
);
check(
  '(A || B) || (C && D)',
  {
    dataLogicalOperator: 'or',
    data: [A, B('11')],
    exprLogicalOperator: 'and',
    exprs: [C('hello everybody'), D(false)],
  },
  abcd,
  'or',
  'pass',
);
check(
  '(A && B) && (C || D) false',
  {
    dataLogicalOperator: 'and',
    data: [A, B('11')],
    exprLogicalOperator: 'or',
    exprs: [C('hello everybody'), D(true)],
  },
  abcd,
  'and',
  'fail',
);
check(
  '(A || B) && (C && D) with a missing field',
  {
    dataLogicalOperator: 'or',
    data: [A, B('10')],
    exprLogicalOperator: 'and',
    exprs: [x('f == "hello world"', { f: 'c.f' }), D(false)],
  },
  abcd,
  'and',
  'error',
);

test('or: the reason lists why each kind did not pass', () => {
  const v = verdict(
    { context: { source: 'other' }, data: [{ path: 'k', type: 'string', value: ['x'] }] },
    viewOfText(kv),
    'or',
  );
  assert.match(v.reason!, /filtersLogicalOperator: or/);
  assert.match(v.reason!, /data filter \[0\] path "k"/);
  assert.match(v.reason!, /context filter: source is "webhook", want "other"/);
});

test('or: the reason for an error says why the event was discarded', () => {
  const v = verdict({ context: ctxOk, data: missing }, viewOfText(kv, { source: 'webhook-gateway' }), 'or');
  assert.match(v.reason!, /path "z": does not exist/);
  assert.match(v.reason!, /filter error discards the event even when another filter passes/);
});

test('kinds run in Argo order: an expr rejection is reported before a data one', () => {
  const v = verdict(
    { data: [{ path: 'k', type: 'string', value: ['x'] }], exprs: [x('k == "x"', { k: 'k' })] },
    viewOfText(kv),
  );
  assert.match(v.reason!, /^expr filter/);
});
