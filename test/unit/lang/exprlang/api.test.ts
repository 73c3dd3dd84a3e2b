import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExprLang, ExprLangError } from '../../../../src/lang/exprlang/index.js';

const run = (src: string, env: Record<string, unknown> = {}): unknown => compileExprLang(src).evaluate(env);

test('programs are cached by source', () => {
  assert.equal(compileExprLang('a + 1'), compileExprLang('a + 1'));
});

test('errors say what, where (line:column) and show the spot', () => {
  try {
    run('a +\n  b % 2', { a: 1, b: 1.5 });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof ExprLangError);
    assert.equal(e.detail, 'invalid operation: float64 % int');
    assert.equal(e.line, 2);
    assert.equal(e.column, 5);
    assert.equal(e.message, 'invalid operation: float64 % int (2:5)\n |   b % 2\n | ....^');
  }
});

test('type errors among literals are compile errors, even in branches that never run', () => {
  assert.throws(
    () => compileExprLang('true || ("a" + 1 == 2)'),
    /invalid operation: \+ \(mismatched types string and int\)/,
  );
  assert.throws(() => compileExprLang('false && 1 % 0 == 0'), /integer divide by zero/);
  assert.throws(() => compileExprLang('x matches "("'), /error parsing regexp: missing closing \)/);
  assert.throws(() => compileExprLang('1 ? 2 : 3'), /non-bool expression \(type int\) used as condition/);
  assert.throws(() => compileExprLang('all(1, true)'), /builtin all takes only array \(got int\)/);
  assert.throws(() => compileExprLang('map(a, #index) + filter(a, #index > 0)'), /unknown pointer #index/);
});

test('builtins that read the clock or make Go time values are refused', () => {
  for (const src of ['now()', 'duration("1h")', 'date("2020-01-01")']) {
    assert.throws(() => compileExprLang(src), /is not supported/);
  }
});

test('ints and floats stay distinct: ints from literals and builtins, floats from JSON', () => {
  assert.equal(
    run('type(1) + " " + type(1.0) + " " + type(a) + " " + type(len(s))', { a: 1, s: 'x' }),
    'int float float int',
  );
  assert.equal(run('7 / 2'), 3.5);
  assert.equal(run('a % 4', { a: 10n }), 2, 'a bigint in the env is a Go int');
  assert.equal(run('[1] == a', { a: [1] }), false, 'DeepEqual: []int{1} is not []interface{}{1.0}');
  assert.equal(run('1 == a', { a: 1 }), true, 'top-level == compares numbers across kinds');
});

test('results leave as plain JS values (Go ints become numbers)', () => {
  assert.deepEqual(run('map(1..3, {{"n": #}})'), [{ n: 1 }, { n: 2 }, { n: 3 }]);
  // A closure may be wrapped in braces, so a map literal as the whole body needs a second pair.
  assert.throws(() => compileExprLang('map(1..3, {"n": #})'), /unexpected token Operator\(":"\)/);
  assert.equal(run('e?.x'), null);
});

test('and/or pass the deciding operand through without checking it, like expr', () => {
  assert.equal(run('a and b', { a: true, b: 3 }), 3);
  assert.equal(run('a or b', { a: false, b: 'x' }), 'x');
  assert.equal(run('a and true', { a: 5 }), 5); // folded at compile time to `a`
  assert.equal(run('a or 1 == 1', { a: null }), true); // folded to `true`
  assert.throws(
    () => run('a or 1 != 2', { a: null }),
    /interface conversion: interface \{\} is nil, not bool/,
  );
});

test('`x in ["a", "b"]` is a string-set lookup: nil looks up "" and non-strings fail', () => {
  assert.equal(run('a in ["", "b"]', { a: null }), true);
  assert.throws(() => run('a in ["x"]', { a: 1 }), /value of type float64 is not assignable to type string/);
  assert.equal(run('a in ["x", 1]', { a: 1 }), true, 'mixed lists compare elements');
});

test('a `not` that binds too loosely is dropped, as in expr', () => {
  assert.equal(run('1 + 1 not in [2]'), true);
  assert.equal(run('(1 + 1) not in [2]'), false);
});

test('optional chaining stops at nil; plain member access on nil fails', () => {
  const env = { a: null, m: { f: () => 'called' } };
  assert.equal(run('a?.b.c', env), null);
  assert.equal(run('a?.b()', env), null);
  assert.equal(run('m?.f()', env), 'called');
  assert.throws(() => run('a?.b[0]', env), /cannot fetch 0 from <nil>/);
});

test('environment functions: called with plain numbers, failures become ExprLangError', () => {
  const env = {
    add: (x: number, y: number) => x + y,
    fail: () => {
      throw new Error('nope');
    },
  };
  assert.equal(run('add(1, 2.5)', env), 3.5);
  assert.throws(
    () => run('fail()', env),
    (e: unknown) => e instanceof ExprLangError && e.detail === 'nope',
  );
  assert.throws(() => run('missing(1)', env), /not a function in the environment/);
});

test('names shared with Object.prototype are only own env entries', () => {
  assert.equal(run('toString == nil'), true);
  assert.equal(run('constructor', { constructor: 3 }), 3);
  assert.equal(run('{}.toString'), null);
});

test('closures: #, #index, #acc and .field', () => {
  const env = {
    items: [
      { n: 'a', v: 2 },
      { n: 'b', v: 5 },
    ],
  };
  assert.deepEqual(run('map(items, .n + string(#index))', env), ['a0', 'b1']);
  assert.deepEqual(run('filter(items, .v > 3) | map(.n)', env), ['b']);
  assert.equal(run('reduce(items, #acc + #.v, 0)', env), 7);
  assert.equal(run('all(items, {.v > 1})', env), true);
  assert.equal(run('count(items, # == nil)', env), 0);
  assert.throws(
    () => run('all(items, .v)', env),
    /interface conversion: interface \{\} is float64, not bool/,
  );
});

test('let binds a name for the rest of the expression', () => {
  assert.equal(run('let x = a * 2; let y = x + 1; y', { a: 3 }), 7);
  assert.throws(() => compileExprLang('let x = 1; let x = 2; x'), /cannot redeclare variable x/);
});

test('the memory budget stops huge ranges and collections', () => {
  assert.throws(() => run('len(1..2000000)'), /memory budget exceeded/);
  assert.throws(() => run('repeat("a", 2000000)'), /memory budget exceeded/);
  assert.equal(run('len(1..1000)'), 1000);
});

test('Go string semantics: bytes for len, indexes and indexOf', () => {
  assert.equal(run('len(s)', { s: 'héllo' }), 6);
  assert.equal(run('indexOf(s, "l")', { s: 'héllo' }), 3);
  assert.equal(run('s[1]', { s: 'héllo' }), 0xc3);
  assert.equal(run('upper(s)', { s: 'straße' }), 'STRAßE');
});

test('keys and values come back in key order (Go iterates maps randomly)', () => {
  assert.deepEqual(run('keys(m)', { m: { b: 1, a: 2, c: 3 } }), ['a', 'b', 'c']);
  assert.deepEqual(run('values(m)', { m: { b: 1, a: 2, c: 3 } }), [2, 1, 3]);
});

test('deep nesting fails cleanly instead of overflowing the stack', () => {
  const src = `${'('.repeat(2000)}1${')'.repeat(2000)}`;
  assert.throws(() => compileExprLang(src), /nested too deeply/);
});

test('the documented performance shape: compile once, evaluate many times', () => {
  const p = compileExprLang('(a == "x" || b > 3) && c matches "^ab"');
  const env = { a: 'y', b: 4, c: 'abc' };
  let hits = 0;
  for (let i = 0; i < 10_000; i++) if (p.evaluate(env) === true) hits++;
  assert.equal(hits, 10_000);
});
