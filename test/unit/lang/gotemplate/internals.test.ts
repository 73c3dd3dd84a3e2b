// Direct checks of building blocks that other modules may reuse: Go float formatting, durations
// and time layouts. (The RE2 translation tests moved with the translator to ../goregexp/.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat } from '../../../../src/lang/go/format-float.js';
import { formatDuration, parseDuration } from '../../../../src/lang/gotemplate/time/duration.js';
import { loadLocation, GoTime, UTC } from '../../../../src/lang/gotemplate/time/go-time.js';
import { formatTime, parseTime } from '../../../../src/lang/gotemplate/time/layout.js';

test('formatFloat matches strconv for shortest and fixed precision', () => {
  assert.equal(formatFloat(1e6, 'g', -1), '1e+06');
  assert.equal(formatFloat(2.5, 'f', 0), '2');
  assert.equal(formatFloat(3.5, 'f', 0), '4');
  assert.equal(formatFloat(1.005, 'f', 2), '1.00');
  assert.equal(formatFloat(-0, 'g', -1), '-0');
  assert.equal(formatFloat(123456.789, 'e', 3), '1.235e+05');
  assert.equal(formatFloat(1.5, 'x', -1), '0x1.8p+00');
  assert.equal(formatFloat(NaN, 'g', -1), 'NaN');
  assert.equal(formatFloat(-Infinity, 'f', 2), '-Inf');
});

test('durations print and parse like time.Duration', () => {
  assert.equal(formatDuration(parseDuration('1h30m0.5s')), '1h30m0.5s');
  assert.equal(formatDuration(1.5e6), '1.5ms');
  assert.equal(formatDuration(1500), '1.5µs');
  assert.equal(formatDuration(-90e9), '-1m30s');
  assert.equal(formatDuration(0), '0s');
  assert.equal(parseDuration('-1.5h'), -5400e9);
  assert.throws(() => parseDuration('1d'), /unknown unit "d" in duration "1d"/);
  assert.throws(() => parseDuration('5'), /missing unit in duration "5"/);
  assert.throws(() => parseDuration(''), /invalid duration ""/);
});

test('time.Date in a DST gap or overlap resolves exactly as Go 1.26 does', () => {
  const ny = loadLocation('America/New_York')!;
  const t = GoTime.date(2024, 3, 10, 2, 30, 0, 0, ny);
  // Go normalizes 02:30 (which does not exist) with the EDT offset: 01:30 EST.
  assert.equal(formatTime(t, '2006-01-02 15:04 MST'), '2024-03-10 01:30 EST');
  assert.equal(formatTime(t.in(UTC), '15:04'), '06:30');
  const overlap = GoTime.date(2024, 11, 3, 1, 30, 0, 0, ny);
  assert.equal(formatTime(overlap, '2006-01-02 15:04 MST'), '2024-11-03 01:30 EDT');
  assert.equal(loadLocation('Not/AZone'), undefined);
});

test('parseTime keeps a numeric offset as a fixed zone', () => {
  const t = parseTime('2006-01-02T15:04:05Z07:00', '2024-01-01T10:00:00+02:00', UTC, UTC);
  assert.equal(t.sec, Date.UTC(2024, 0, 1, 8) / 1000);
  assert.equal(formatTime(t, '15:04 MST'), '10:00 +0200');
});
