// The shared Go strconv rules (ParseFloat, ParseInt, ParseBool, FormatFloat, quoting). Expected
// values are Go's: most rows come from Go's own strconv tests (atof_test.go, atoi_test.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat, formatFloatV } from '../../../../src/lang/go/format-float.js';
import { goParseBool } from '../../../../src/lang/go/parse-bool.js';
import { parseGoFloat, parseGoInt } from '../../../../src/lang/go/parse-number.js';
import { quoteGo, quoteTimeText } from '../../../../src/lang/go/quote.js';
import { goParseFloat } from '../../../../src/lang/strconv/index.js';

test('ParseFloat: underscores only between digits (atof_test.go)', () => {
  assert.deepEqual(parseGoFloat('1_23.50_0_0e+1_2'), { ok: true, value: 1.235e14 });
  for (const bad of [
    '-_123.5e+12',
    '+_123.5e+12',
    '_123.5e+12',
    '1__23.5e+12',
    '123_.5e+12',
    '123._5e+12',
    '123.5_e+12',
    '123.5__0e+12',
  ]) {
    assert.equal(parseGoFloat(bad).ok, false, bad);
  }
  assert.deepEqual(parseGoFloat('0x_1p4'), { ok: true, value: 16 });
});

test('ParseFloat: forms, specials and range', () => {
  const ok: [string, number][] = [
    ['1.', 1],
    ['.5', 0.5],
    ['+1e2', 100],
    ['-0', -0],
    ['0x1p-2', 0.25],
    ['0x1.8p1', 3],
    ['0X.8P1', 1],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['1e-400', 0],
  ];
  for (const [s, v] of ok) assert.deepEqual(parseGoFloat(s), { ok: true, value: v }, s);
  assert.ok(Number.isNaN(parseGoFloat('NaN').value));
  for (const bad of [
    '',
    '.',
    'e5',
    '1e',
    '1e+',
    '0x1.8',
    '0x1p',
    '0xp1',
    '+nan',
    'Infin',
    '1.5.2',
    ' 1',
    '1 ',
    '0b101',
  ]) {
    assert.equal(parseGoFloat(bad).ok, false, bad);
  }
  assert.deepEqual(parseGoFloat('1e400'), { ok: false, range: true, value: Infinity });
  assert.deepEqual(parseGoFloat('-0x1p2000'), { ok: false, range: true, value: -Infinity });
  // The engine's entry point keeps ±Inf for range errors and undefined for syntax errors.
  assert.equal(goParseFloat('1e400'), Infinity);
  assert.equal(goParseFloat('abc'), undefined);
});

test('ParseFloat runs in linear time on long input', () => {
  const start = performance.now();
  assert.equal(parseGoFloat('1'.repeat(200_000) + 'x').ok, false);
  assert.ok(performance.now() - start < 200);
});

test('ParseInt and ParseUint (atoi_test.go)', () => {
  assert.deepEqual(parseGoInt('0x_1F'), { ok: true, value: 31n });
  assert.deepEqual(parseGoInt('0b101'), { ok: true, value: 5n });
  assert.deepEqual(parseGoInt('0o17'), { ok: true, value: 15n });
  assert.deepEqual(parseGoInt('017'), { ok: true, value: 15n });
  assert.deepEqual(parseGoInt('1_000'), { ok: true, value: 1000n });
  assert.equal(parseGoInt('08').ok, false);
  assert.equal(parseGoInt('1__0').ok, false);
  assert.equal(parseGoInt('1_0', 10).ok, false, 'underscores need base 0');
  assert.deepEqual(parseGoInt('-9223372036854775808', 10), { ok: true, value: -(2n ** 63n) });
  assert.deepEqual(parseGoInt('9223372036854775808', 10), { ok: false, range: true, value: 2n ** 63n - 1n });
  assert.deepEqual(parseGoInt('18446744073709551615', 10, false), { ok: true, value: 2n ** 64n - 1n });
  assert.equal(parseGoInt('-1', 10, false).ok, false);
  assert.deepEqual(parseGoInt('0'), { ok: true, value: 0n });
});

test('ParseBool accepts exactly Go spellings', () => {
  for (const s of ['1', 't', 'T', 'TRUE', 'true', 'True']) assert.equal(goParseBool(s), true, s);
  for (const s of ['0', 'f', 'F', 'FALSE', 'false', 'False']) assert.equal(goParseBool(s), false, s);
  for (const s of ['tRUE', 'yes', '', ' true']) assert.equal(goParseBool(s), undefined, s);
});

test("FormatFloat's %v and 'f' forms", () => {
  assert.equal(formatFloatV(1e6), '1e+06');
  assert.equal(formatFloatV(123456.5), '123456.5');
  assert.equal(formatFloatV(1e-5), '1e-05');
  assert.equal(formatFloat(1e21, 'f', -1), '1000000000000000000000');
  assert.equal(formatFloat(-1.25e-8, 'f', -1), '-0.0000000125');
});

test('quoting: strconv.Quote and the time package quote', () => {
  assert.equal(quoteGo('a"b\\\n\u0001é'), '"a\\"b\\\\\\n\\x01é"');
  assert.equal(quoteTimeText('1d'), '"1d"');
  assert.equal(quoteTimeText('5é'), '"5\\xc3\\xa9"');
  assert.equal(quoteTimeText('a"b'), '"a\\"b"');
});
