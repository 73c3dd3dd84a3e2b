import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGovaluate, GovaluateError } from '../../../../src/lang/govaluate/index.js';
import { parseGovaluateDate } from '../../../../src/lang/govaluate/date-literal.js';
import { formatFloatV as formatGoFloat } from '../../../../src/lang/go/format-float.js';
import { formatGoValue } from '../../../../src/lang/go/format-value.js';
import { goPow } from '../../../../src/lang/go/math.js';

test('vars() lists variables in order with repeats, like Vars()', () => {
  const e = compileGovaluate('a > 1 && ([b-c] == "x" || a < 10) && true');
  assert.deepEqual(e.vars(), ['a', 'b-c', 'a']);
  assert.deepEqual(compileGovaluate('"x" in (1, 2)').vars(), []);
});

test('compiled expressions are cached by source unless functions are given', () => {
  assert.equal(compileGovaluate('a == 1'), compileGovaluate('a == 1'));
  const fns = { f: () => 1 };
  assert.notEqual(compileGovaluate('f() == 1', fns), compileGovaluate('f() == 1', fns));
});

test('functions: arguments from a list are spread, nil means none, an array parameter is spread too', () => {
  const seen: unknown[][] = [];
  const fns = {
    f: (...args: unknown[]) => {
      seen.push(args);
      return args.length;
    },
  };
  assert.equal(compileGovaluate('f(1, "a", true)', fns).evaluate({}), 3);
  assert.equal(compileGovaluate('f()', fns).evaluate({}), 0);
  assert.equal(compileGovaluate('f(x)', fns).evaluate({ x: null }), 0);
  assert.equal(compileGovaluate('f(xs)', fns).evaluate({ xs: [1, 2] }), 2);
  assert.equal(compileGovaluate('f(1) + 1', fns).evaluate({}), 2);
  assert.deepEqual(seen, [[1, 'a', true], [], [], [1, 2], [1]]);
});

test('a failing function becomes a GovaluateError naming it', () => {
  const fns = {
    boom: () => {
      throw new Error('bad input');
    },
  };
  assert.throws(() => compileGovaluate('boom(1)', fns).evaluate({}), /Function 'boom' failed: bad input/);
});

test('calling an unknown function is a parse error', () => {
  assert.throws(() => compileGovaluate('strlen(a) > 1'), /Undefined function strlen/);
});

test('errors carry the position of the offending token', () => {
  try {
    compileGovaluate('a + b - c').evaluate({ a: 1, b: 2, c: 'x' });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof GovaluateError);
    assert.equal(e.position, 6);
    assert.equal(e.detail, "Value 'x' cannot be used with the modifier '-', it is not a number");
    assert.match(e.message, /at column 7 of expression "a \+ b - c"/);
  }
  try {
    compileGovaluate('a ==-1');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof GovaluateError);
    assert.equal(e.detail, "Invalid token: '==-'");
    assert.equal(e.position, 2);
  }
});

test('accessors: lower-case fields are rejected at parse time, JSON maps are never structs', () => {
  assert.throws(() => compileGovaluate('a.b == 1'), /Unable to access unexported field 'b' in token 'a.b'/);
  const e = compileGovaluate('a.B == 1');
  assert.throws(() => e.evaluate({ a: { B: 1 } }), /Unable to access 'B', 'a' is not a struct/);
  assert.throws(() => e.evaluate({}), /No parameter 'a' found\./);
});

test('parameter names shared with Object.prototype resolve only to own parameters', () => {
  assert.throws(() => compileGovaluate('toString == 1').evaluate({}), /No parameter 'toString' found\./);
  assert.equal(compileGovaluate('constructor == 1').evaluate({ constructor: 1 }), true);
  assert.equal(compileGovaluate('[__proto__] == 1').evaluate(JSON.parse('{"__proto__": 1}')), true);
});

test('bigint and undefined parameters become float64 and nil', () => {
  assert.equal(compileGovaluate('n * 2').evaluate({ n: 21n }), 42);
  assert.equal(compileGovaluate('u ?? "d"').evaluate({ u: undefined }), 'd');
});

test('a regex held in a parameter is compiled per distinct pattern and can change', () => {
  const e = compileGovaluate('s =~ p');
  assert.equal(e.evaluate({ s: 'abc', p: '^a' }), true);
  assert.equal(e.evaluate({ s: 'abc', p: '^b' }), false);
  assert.throws(
    () => e.evaluate({ s: 'abc', p: '(' }),
    /Unable to compile regexp pattern '\(': error parsing regexp: missing closing \)/,
  );
});

test('in over two lists of lists fails like the Go comparison of slices', () => {
  assert.throws(
    () => compileGovaluate('a in b').evaluate({ a: [1], b: [[1]] }),
    /comparing uncomparable type/,
  );
  assert.equal(compileGovaluate('a in b').evaluate({ a: [1], b: [1, 'x'] }), false);
});

test('date literals: Go layouts, UTC, strict validation', () => {
  assert.equal(parseGovaluateDate('2020-01-01'), 1577836800);
  assert.equal(parseGovaluateDate('2020-01-01T10:00:00.123456Z'), 1577872800);
  assert.equal(parseGovaluateDate('2020-01-01T10:00:00-01:30'), 1577872800 + 5400);
  assert.equal(parseGovaluateDate('2020-01-01 9:05'), 1577869500); // hours may have one digit
  assert.equal(parseGovaluateDate('2020-1-01'), undefined); // months may not
  assert.equal(parseGovaluateDate('2020-04-31'), undefined);
  assert.equal(parseGovaluateDate('12:00AM'), -62167219200);
  assert.equal(parseGovaluateDate('Tue Feb 29 00:00:00 2000'), 951782400);
  assert.equal(parseGovaluateDate('hello'), undefined);
});

test('Go float formatting (%v)', () => {
  const cases: [number, string][] = [
    [1, '1'],
    [1.5, '1.5'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [123456789, '1.23456789e+08'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-0.5, '-0.5'],
    [1e21, '1e+21'],
    [-0, '-0'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
  ];
  for (const [f, s] of cases) assert.equal(formatGoFloat(f), s, String(f));
  assert.equal(formatGoValue({ b: [1, 'x', null], a: true }), 'map[a:true b:[1 x <nil>]]');
});

test("math.Pow gives Go's digits, not JS's", () => {
  const cases: [number, number, number][] = [
    [1.1, 10, 2.593742460100002],
    [3, 40, 12157665459056929000],
    [1.0000001, 1000000, 1.1051709126081526],
    [10, -5, 1e-5],
    [2, 1023, 8.98846567431158e307],
    [2, -1074, 5e-324],
    [0.1, 3, 0.0010000000000000002],
    [-3, 5, -243],
    [1.5, -7, 0.05852766346593507],
    [0.3, 17, 1.2914016299999995e-9],
  ];
  for (const [x, y, want] of cases) assert.equal(goPow(x, y), want, `${x} ** ${y}`);
  assert.equal(goPow(1, NaN), 1);
  assert.equal(goPow(-1, Infinity), 1);
  assert.ok(Number.isNaN(goPow(-8, 1 / 3)));
});

test('the documented performance shape: compile once, evaluate many times', () => {
  const e = compileGovaluate('(a == "x" || b > 3) && c =~ "^ab"');
  const params = { a: 'y', b: 4, c: 'abc' };
  let hits = 0;
  for (let i = 0; i < 10_000; i++) if (e.evaluate(params) === true) hits++;
  assert.equal(hits, 10_000);
});

test('a trailing backslash is an error (govaluate itself panics on it)', () => {
  assert.throws(() => compileGovaluate('a == false\\'), /Trailing backslash/);
  assert.throws(() => compileGovaluate('"abc\\'), /Trailing backslash/);
  assert.equal(compileGovaluate('"a\\"b"').evaluate({}), 'a"b');
});
