// The shared Go runtime pieces: base64 (with Go's error offsets from base64_test.go's
// TestDecodeCorrupt), UTF-8 views, encoding/json text, string order, DeepEqual, math and the
// civil calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { base64Decode, base64Encode, CorruptInputError } from '../../../../src/lang/go/base64.js';
import {
  civilFromUnixSeconds,
  daysFromCivil,
  utcWallMs,
  WEEKDAY_NAMES,
} from '../../../../src/lang/go/civil-date.js';
import { compareGoStrings } from '../../../../src/lang/go/compare-strings.js';
import { goDeepEqual } from '../../../../src/lang/go/deep-equal.js';
import { goJsonNumber, goJsonQuote } from '../../../../src/lang/go/json-text.js';
import { frexp, goPow, ldexp } from '../../../../src/lang/go/math.js';
import {
  byteSlice,
  runeCount,
  utf8ByteAt,
  utf8Decode,
  utf8Encode,
  utf8Length,
  utf8OffsetOf,
} from '../../../../src/lang/go/utf8.js';

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

function corruptAt(input: string, padded = true): number {
  try {
    base64Decode(ascii(input), padded);
    return -1;
  } catch (e) {
    assert.ok(e instanceof CorruptInputError);
    assert.equal(e.message, `illegal base64 data at input byte ${e.offset}`);
    return e.offset;
  }
}

test('base64 StdEncoding reports corruption where Go does', () => {
  const cases: [string, number][] = [
    ['', -1],
    ['\n', -1],
    ['AAA=\n', -1],
    ['AAAA\n', -1],
    ['!!!!', 0],
    ['====', 0],
    ['x===', 1],
    ['=AAA', 0],
    ['A=AA', 1],
    ['AA=A', 2],
    ['AA==A', 4],
    ['AAA=AAAA', 4],
    ['AAAAA', 4],
    ['AAAAAA', 4],
    ['A=', 1],
    ['A==', 1],
    ['AA=', 3],
    ['AA==', -1],
    ['AAA=', -1],
    ['AAAA', -1],
    ['AAAAAA=', 7],
    ['YWJjZA=====', 8],
    ['A!\n', 1],
    ['A=\n', 1],
  ];
  for (const [input, offset] of cases) assert.equal(corruptAt(input), offset, JSON.stringify(input));
});

test('base64 round trips and the unpadded (Raw) variant', () => {
  assert.equal(base64Encode(utf8Encode('hello wörld')), 'aGVsbG8gd8O2cmxk');
  assert.equal(utf8Decode(base64Decode(ascii('aGVs\nbG8='))), 'hello');
  assert.equal(utf8Decode(base64Decode(ascii('aGVsbG8'), false)), 'hello');
  assert.equal(corruptAt('aGVsbG8=', false), 7, 'Raw has no padding character');
  assert.equal(corruptAt('QUJDR\n', false), 5);
});

test('UTF-8 views of JS strings', () => {
  assert.equal(utf8Length('héllo😀'), 10);
  assert.equal(utf8Length('\ud800'), 3, 'a lone surrogate is U+FFFD');
  assert.deepEqual([...utf8Encode('é😀')], [0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  assert.equal(utf8Decode([0x61, 0xe2, 0x82, 0x62]), 'a\ufffd\ufffdb', 'each bad byte is one U+FFFD');
  assert.equal(byteSlice('héllo', 0, 2), 'h\ufffd');
  assert.equal(utf8ByteAt('é', 1), 0xa9);
  assert.equal(utf8OffsetOf('héllo', 2), 3);
  assert.equal(runeCount('a😀\ud800'), 3);
});

test('encoding/json text', () => {
  assert.equal(
    goJsonQuote('<a>&\u2028\b\f\u0001\ud800"\\', true),
    '"\\u003ca\\u003e\\u0026\\u2028\\b\\f\\u0001\\ufffd\\"\\\\"',
  );
  assert.equal(goJsonQuote('<a>\u007f', false), '"<a>\u007f"');
  assert.equal(goJsonNumber(-0), '-0');
  assert.equal(goJsonNumber(1e-7), '1e-7');
  assert.equal(goJsonNumber(1e21), '1e+21');
  assert.equal(goJsonNumber(123456789012345680000), '123456789012345680000');
});

test('strings order by UTF-8 bytes and DeepEqual is strict about types', () => {
  assert.equal(compareGoStrings('\uffff', '😀'), -1);
  assert.equal(compareGoStrings('😀', '\ue000'), 1);
  assert.equal(compareGoStrings('ab', 'a'), 1);
  assert.equal(compareGoStrings('x', 'x'), 0);
  assert.equal(goDeepEqual({ a: [1, 'x', null] }, { a: [1, 'x', undefined] }), true);
  assert.equal(goDeepEqual([1n], [1]), false);
  assert.equal(goDeepEqual(NaN, NaN), false);
  assert.equal(goDeepEqual({ a: 1 }, { a: 1, b: 2 }), false);
});

test('math: Frexp, Ldexp rounding once in the subnormal range, Pow', () => {
  assert.deepEqual(frexp(8), [0.5, 4]);
  assert.deepEqual(frexp(-5e-324), [-0.5, -1073]);
  assert.equal(ldexp(0.5, -1073), 5e-324);
  assert.equal(ldexp(0.75, -1074), 5e-324, '0.75 of the smallest subnormal rounds to it');
  assert.equal(ldexp(1, 1024), Infinity);
  assert.equal(goPow(2, 10), 1024);
  assert.equal(goPow(-8, 1 / 3), NaN);
});

test('civil calendar', () => {
  assert.equal(daysFromCivil(1970, 1, 1), 0);
  assert.equal(daysFromCivil(2024, 13, 1), daysFromCivil(2025, 1, 1));
  assert.equal(utcWallMs(2024, 1, 32, 24, 0, 0), Date.UTC(2024, 1, 2));
  assert.ok(Number.isNaN(utcWallMs(275760, 9, 14, 0, 0, 0)));
  assert.deepEqual(civilFromUnixSeconds(-1), {
    year: 1969,
    month: 12,
    day: 31,
    hour: 23,
    minute: 59,
    second: 59,
    weekday: 3,
    yday: 365,
  });
  assert.equal(WEEKDAY_NAMES[civilFromUnixSeconds(0).weekday], 'Thursday');
});
