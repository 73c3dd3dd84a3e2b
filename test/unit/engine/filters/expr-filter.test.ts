// filters.exprs. Expected answers are what Argo Events v1.9.11's own filter code gives for the
// same expressions and event bytes (checked by running it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterExprs } from '../../../../src/engine/filters/expr-filter.js';
import type { ExprFilter, LogicalOperator } from '../../../../src/vocabulary/manifest-types.js';
import { assertOutcome, exprOf as x, viewOf, viewOfText, type Outcome } from './filter-fixtures.js';

function check(
  name: string,
  filters: ExprFilter[] | undefined,
  dataText: string | undefined,
  want: Outcome,
  op?: LogicalOperator,
) {
  test(name, () => assertOutcome(filterExprs(filters, op, viewOfText(dataText)), want));
}

// Argo's own cases
check('string equal', [x('a == "b"', { a: 'a' })], '{"a": "b"}', 'pass');
check('string different', [x('a != "b"', { a: 'a' })], '{"a": "c"}', 'pass');
check('nested string unequal', [x('b == "b"', { b: 'a.b' })], '{"a": {"b": "c"}}', 'fail');
check('number equal', [x('b == 2', { b: 'a.b' })], '{"a": {"b": 2}}', 'pass');
check('number less than', [x('b < 1', { b: 'a.b' })], '{"a": {"b": 2}}', 'fail');
check('=~ contains', [x('b =~ "start"', { b: 'a.b' })], '{"a": {"b": "start long string"}}', 'pass');
check('!~ does not contain', [x('b !~ "start"', { b: 'a.b' })], '{"a": {"b": "long string"}}', 'pass');
check('data that is not JSON is an error', [x('a == "b"', { a: 'a' })], 'a', 'error');
check('no data passes', [x('a == "b"', { a: 'a' })], undefined, 'pass');
check('no filters pass', undefined, '{"a":1}', 'pass');
const xy = '{"a": {"b": "x", "d": "y"}}';
check('and: both true', [x('b == "x"', { b: 'a.b' }), x('d == "y"', { d: 'a.d' })], xy, 'pass');
check('and: one false', [x('b == "x"', { b: 'a.b' }), x('d == "d"', { d: 'a.d' })], xy, 'fail', 'and');
check('or: one true', [x('b == "x"', { b: 'a.b' }), x('d == "d"', { d: 'a.d' })], xy, 'pass', 'or');
check(
  'or: false, then a missing field: an error',
  [x('b == "b"', { b: 'a.b' }), x('c == "c"', { c: 'a.c' })],
  xy,
  'error',
  'or',
);
check(
  'or: a missing field between, then true: passes',
  [x('b == "x"', { b: 'a.b' }), x('c == "c"', { c: 'a.c' }), x('e == true', { e: 'a.d.e' })],
  '{"a": {"b": "x", "d": {"e": true}}}',
  'pass',
  'or',
);
check(
  'and: false first, missing field never reached',
  [x('b == "b"', { b: 'a.b' }), x('c == "c"', { c: 'a.c' })],
  xy,
  'fail',
);
check(
  'and: a missing field is an error',
  [x('b == "x"', { b: 'a.b' }), x('c == "c"', { c: 'a.c' })],
  xy,
  'error',
);
check(
  'a second missing field is an error',
  [x('b != "b" && d == true', { b: 'a.b', d: 'a.d' })],
  '{"a": {"b": "x", "c": {"d": true}}}',
  'error',
);
check(
  '&& inside one expression',
  [x('b != "b" && d == true', { b: 'a.b', d: 'a.c.d' })],
  '{"a": {"b": "x", "c": {"d": true}}}',
  'pass',
  'or',
);
check(
  '|| inside one expression',
  [x('b == "b" || d == true', { b: 'a.b', d: 'a.c.d' })],
  '{"a": {"b": "b", "c": {"d": false}}}',
  'pass',
);
check(
  '|| short-circuits past a parameter that is not a field',
  [x('b == "b" || (d == true && e == 2)', { b: 'a.b', d: 'a.c.d' })],
  '{"a": {"b": "b", "c": {"d": false}, "e": 2}}',
  'pass',
);

// operators and values
check('=~ with an anchored regexp', [x('b =~ "^s.*g$"', { b: 'b' })], '{"b":"string"}', 'pass');
check('=~ with an invalid regexp is an error', [x('b =~ "("', { b: 'b' })], '{"b":"string"}', 'error');
check('=~ against a field value', [x('b =~ c', { b: 'b', c: 'c' })], '{"b":"string","c":"str"}', 'pass');
check(
  '=~ against an invalid field regexp is an error',
  [x('b =~ c', { b: 'b', c: 'c' })],
  '{"b":"string","c":"("}',
  'error',
);
check('in: member', [x('a in ("x", "y")', { a: 'a' })], '{"a":"y"}', 'pass');
check('in: not a member', [x('a in ("x", "y")', { a: 'a' })], '{"a":"z"}', 'fail');
check('in: numbers', [x('a in (1, 2)', { a: 'a' })], '{"a":2}', 'pass');
check('in: a numeric string is not a number', [x('a in (1, 2)', { a: 'a' })], '{"a":"2"}', 'fail');
check('ternary', [x('(a > 1 ? "big" : "small") == "big"', { a: 'a' })], '{"a":2}', 'pass');
check('ternary yielding false', [x('a > 1 ? true : false', { a: 'a' })], '{"a":0}', 'fail');
check('JSON numbers are float64: 2.0 == 2', [x('a == 2', { a: 'a' })], '{"a":2.0}', 'pass');
check(
  'large integers compare as float64',
  [x('a == 12345678901234567890', { a: 'a' })],
  '{"a":12345678901234567890}',
  'pass',
);
check('arithmetic', [x('a + 1 == 3', { a: 'a' })], '{"a":2}', 'pass');
check('number + string concatenates', [x('a + "1" == "21"', { a: 'a' })], '{"a":2}', 'pass');
check('a number never equals a string', [x('a == "2"', { a: 'a' })], '{"a":2}', 'fail');
check('comparing a number with a string is an error', [x('a > "1"', { a: 'a' })], '{"a":2}', 'error');
check('strings compare', [x('a > b', { a: 'a', b: 'b' })], '{"a":"b","b":"a"}', 'pass');
check(
  'nil is not a govaluate keyword: an unknown parameter',
  [x('a == nil', { a: 'a' })],
  '{"a":null}',
  'error',
);
check('a bare true field passes', [x('a', { a: 'a' })], '{"a":true}', 'pass');
check('a bare "true" string does not pass', [x('a', { a: 'a' })], '{"a":"true"}', 'fail');
check('a bare number does not pass', [x('a', { a: 'a' })], '{"a":1}', 'fail');
check('a bracketed dotted name', [x('[a.b] == 1', { 'a.b': 'a.b' })], '{"a":{"b":1}}', 'pass');
check('a dashed name must be bracketed', [x('a-b == 1', { 'a-b': 'a.b' })], '{"a":{"b":1}}', 'error');
check('a bracketed dashed name', [x('[a-b] == 1', { 'a-b': 'a.b' })], '{"a":{"b":1}}', 'pass');
check('division by zero gives +Inf, no error', [x('a / 0 > 1', { a: 'a' })], '{"a":1}', 'pass');
check('a syntax error is an error', [x('a === 1', { a: 'a' })], '{"a":1}', 'error');
check('a dangling operator is an error', [x('a == 1 && ', { a: 'a' })], '{"a":1}', 'error');
check('a parameter that is not a field is an error', [x('a == b', { a: 'a' })], '{"a":1}', 'error');
check(
  'a date literal becomes a time, which a string field cannot be compared with',
  [x('a > "2023-01-01"', { a: 'a' })],
  '{"a":"2024-01-01"}',
  'error',
);

// expressions without fields
check('an expression without fields is skipped (and: passes)', [x('a == 1', {})], '{"a":1}', 'pass');
check('only skipped expressions under or: fails', [x('a == 1', {})], '{"a":1}', 'fail', 'or');
check('exprs: [] passes under and', [], '{"a":1}', 'pass');
check('exprs: [] fails under or', [], '{"a":1}', 'fail', 'or');
check(
  'a skipped expression does not hide a false one',
  [x('a == 1', {}), x('a == 2', { a: 'a' })],
  '{"a":1}',
  'fail',
);

test('reasons name the expression, the missing path and the values it saw', () => {
  const view = viewOf({ a: { b: 'x' } });
  const missing = filterExprs([x('c == "c"', { c: 'a.c' })], undefined, view);
  assert.equal(missing.error, missing.reason);
  assert.match(missing.reason!, /expr filter \[0\] "c == \\"c\\"": path "a\.c" \(field c\) does not exist/);
  const falsy = filterExprs([x('b == "y"', { b: 'a.b' })], undefined, view);
  assert.match(falsy.reason!, /is false with \{"b":"x"\}/);
  const syntax = filterExprs([x('b === "y"', { b: 'a.b' })], undefined, view);
  assert.ok(syntax.error);
  const orMissing = filterExprs([x('c == "c"', { c: 'a.c' }), x('b == "y"', { b: 'a.b' })], 'or', view);
  assert.match(orMissing.reason!, /exprLogicalOperator: or/);
  assert.match(orMissing.reason!, /\[0\].*does not exist.*\[1\].*is false/);
});
