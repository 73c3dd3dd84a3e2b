// Expectations are Go facts: what time.ParseDuration and Duration.String return.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DurationError,
  formatGoDuration,
  formatGoDurationNanos,
  parseGoDuration,
  parseGoDurationNanos,
} from '../../../../src/lang/duration/index.js';

const NS = 1n;
const US = 1_000n;
const MS = 1_000_000n;
const S = 1_000_000_000n;
const M = 60n * S;
const H = 60n * M;

test('ParseDuration accepts what Go accepts, to the nanosecond', () => {
  const cases: [string, bigint][] = [
    ['0', 0n],
    ['5s', 5n * S],
    ['1478s', 1478n * S],
    ['-5s', -5n * S],
    ['+5s', 5n * S],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * S],
    ['5.6s', 5n * S + 600n * MS],
    ['5.s', 5n * S],
    ['.5s', 500n * MS],
    ['1.004s', S + 4n * MS],
    ['100.00100s', 100n * S + MS],
    ['10ns', 10n * NS],
    ['11us', 11n * US],
    ['12µs', 12n * US],
    ['12μs', 12n * US],
    ['13ms', 13n * MS],
    ['15m', 15n * M],
    ['16h', 16n * H],
    ['3h30m', 3n * H + 30n * M],
    ['10.5s4m', 4n * M + 10n * S + 500n * MS],
    ['-2m3.4s', -(2n * M + 3n * S + 400n * MS)],
    ['1h2m3s4ms5us6ns', H + 2n * M + 3n * S + 4n * MS + 5n * US + 6n * NS],
    ['39h9m14.425s', 39n * H + 9n * M + 14n * S + 425n * MS],
    ['52763797000ns', 52763797000n],
    ['0.3333333333333333333h', 20n * M],
    ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', (1n << 63n) - 1n],
    ['9223372036854775.807us', (1n << 63n) - 1n],
    ['9223372036s854ms775us807ns', (1n << 63n) - 1n],
    ['-9223372036854775808ns', -(1n << 63n)],
    ['-2562047h47m16.854775808s', -(1n << 63n)],
    ['0.100000000000000000000h', 6n * M],
    ['0.830103483285477580700h', 49n * M + 48n * S + 372539827n],
  ];
  for (const [text, nanos] of cases) assert.equal(parseGoDurationNanos(text), nanos, text);
});

test('parseGoDuration returns milliseconds, fractional below a millisecond', () => {
  assert.equal(parseGoDuration('300ms'), 300);
  assert.equal(parseGoDuration('1.5h'), 5_400_000);
  assert.equal(parseGoDuration('2h45m'), 9_900_000);
  assert.equal(parseGoDuration('-1s'), -1000);
  assert.equal(parseGoDuration('1us'), 0.001);
  assert.equal(parseGoDuration('1µs'), 0.001);
  assert.equal(parseGoDuration('250ns'), 0.00025);
});

test('ParseDuration rejects what Go rejects, with a hint', () => {
  const bad = [
    '',
    '3',
    '-',
    's',
    '.',
    '-.',
    '.s',
    '+.s',
    '1d',
    '\uFFFD',
    '1 h',
    '1H',
    '00',
    '1.5',
    '9223372036854775808ns',
    '9223372036854775.808us',
    '9223372036s854ms775us808ns',
    '-9223372036854775809ns',
    '2562048h',
    '99999999999999999999s',
  ];
  for (const text of bad)
    assert.throws(() => parseGoDurationNanos(text), DurationError, JSON.stringify(text));
  assert.throws(
    () => parseGoDuration('1d'),
    /unknown unit "d" in duration "1d": Go durations have no day unit: write 24h/,
  );
  assert.throws(() => parseGoDuration('3'), /missing unit in duration "3"/);
  assert.throws(() => parseGoDuration('5 m'), /no spaces are allowed/);
  assert.throws(() => parseGoDuration('5M'), /units are lower case: write "m"/);
  assert.throws(() => parseGoDuration('ten seconds'), /expected a number at offset 0/);
  assert.throws(() => parseGoDuration('9223372036854775808ns'), /out of range/);
});

test('Duration.String formats like Go', () => {
  const cases: [bigint, string][] = [
    [0n, '0s'],
    [1n, '1ns'],
    [1100n, '1.1µs'],
    [2200n * US, '2.2ms'],
    [3300n * MS, '3.3s'],
    [4n * M + 5n * S, '4m5s'],
    [4n * M + 5001n * MS, '4m5.001s'],
    [5n * H + 6n * M + 7001n * MS, '5h6m7.001s'],
    [8n * M + 1n, '8m0.000000001s'],
    [H, '1h0m0s'],
    [90n * M, '1h30m0s'],
    [-S, '-1s'],
    [-1500n * US, '-1.5ms'],
    [(1n << 63n) - 1n, '2562047h47m16.854775807s'],
    [-(1n << 63n), '-2562047h47m16.854775808s'],
  ];
  for (const [nanos, text] of cases) assert.equal(formatGoDurationNanos(nanos), text, text);
});

test('formatGoDuration takes milliseconds and round-trips with parseGoDuration', () => {
  assert.equal(formatGoDuration(0), '0s');
  assert.equal(formatGoDuration(1500), '1.5s');
  assert.equal(formatGoDuration(90_000), '1m30s');
  assert.equal(formatGoDuration(0.1), '100µs');
  assert.equal(formatGoDuration(0.000001), '1ns');
  assert.equal(formatGoDuration(-3_600_000), '-1h0m0s');
  for (const text of ['1h30m0s', '2.5s', '1.5ms', '800µs', '-4m5.001s', '7ns']) {
    assert.equal(formatGoDuration(parseGoDuration(text)), text);
  }
  assert.throws(() => formatGoDuration(Number.NaN), DurationError);
  assert.throws(() => formatGoDuration(1e16), /outside Go's int64 range/);
});
