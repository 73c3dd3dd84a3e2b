// robfig/cron v3 parsing, as Argo configures it (Minute | Hour | Dom | Month | Dow).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CronError, parseCron } from '../../../../src/lang/cron/index.js';
import { ZoneClock } from '../../../../src/lang/cron/zone-clock.js';

function rejects(expr: string, pattern: RegExp, opts?: { descriptors?: boolean }) {
  assert.throws(
    () => parseCron(expr, opts),
    (e: unknown) => {
      assert.ok(e instanceof CronError, `expected CronError for ${expr}`);
      assert.match(e.message, pattern);
      return true;
    },
  );
}

test('bad fields are named in the error', () => {
  rejects('xyz', /expected exactly 5 fields .* found 1/);
  rejects('60 0 * * *', /minute field "60": end of range \(60\) above maximum \(59\)/);
  rejects('0 24 * * *', /hour field "24"/);
  rejects('0 0 32 * *', /day-of-month field "32"/);
  rejects('0 0 0 * *', /day-of-month field "0": beginning of range \(0\) below minimum \(1\)/);
  rejects('0 0 * 13 *', /month field "13"/);
  rejects(
    '0 0 * * XYZ',
    /day-of-week field "XYZ": failed to parse int from "XYZ" \(names are three letters, such as MON\)/,
  );
  rejects('0 0 * January *', /month field "January".*such as JAN/);
  rejects('0 0 * * 7', /day-of-week field "7".*Sunday is 0; 7 is not accepted/);
  rejects('15/0 * * * *', /step of range should be a positive number/);
  rejects('CRON_TZ=America/New_York 15/0 * * * *', /step of range/);
  rejects('1-2-3 * * * *', /too many hyphens/);
  rejects('*/5/2 * * * *', /too many slashes/);
  rejects('5-1 * * * *', /beginning of range \(5\) beyond end of range \(1\)/);
  rejects('/5 * * * *', /failed to parse int from ""/);
  rejects('*/ * * * *', /failed to parse int/);
  rejects('1.5 * * * *', /failed to parse int from "1.5"/);
  rejects('', /empty spec string/);
  rejects('0 0 * * * *', /found 6 \(there is no seconds field\)/);
  rejects('0 0 * *', /found 4/);
});

test('descriptors are refused unless enabled, with the five-field equivalent', () => {
  rejects('@daily', /parser does not accept descriptors: @daily: write "0 0 \* \* \*"/);
  rejects('@every 1h', /parser does not accept descriptors/);
  rejects('@sometimes', /unrecognized descriptor/, { descriptors: true });
  rejects('@every 1x', /failed to parse duration @every 1x/, { descriptors: true });
  rejects('@daily ', /unrecognized descriptor/, { descriptors: true });
});

test('CRON_TZ prefixes', () => {
  rejects('CRON_TZ=Mars/Olympus 0 0 * * *', /provided bad location Mars\/Olympus/);
  rejects('CRON_TZ=America/New_York', /must be followed by a space/);
  rejects('CRON_TZ=UTC ', /found 0/);
  // An empty zone name is UTC, as Go's LoadLocation("").
  assert.equal(
    parseCron('CRON_TZ= 0 12 * * *').next(Date.UTC(2024, 0, 1), 'Asia/Tokyo'),
    Date.UTC(2024, 0, 1, 12),
  );
});

test('accepted syntax: names, ranges, steps, lists, ? and quirks', () => {
  const from = Date.UTC(2024, 0, 1); // a Monday
  const next = (expr: string) => new Date(parseCron(expr).next(from)).toISOString();
  assert.equal(next('0 0 * JAN-MAR mon-FRI'), '2024-01-02T00:00:00.000Z');
  assert.equal(next('0 0 * jun *'), '2024-06-01T00:00:00.000Z');
  assert.equal(next('? ? ? ? ?'), '2024-01-01T00:01:00.000Z');
  assert.equal(next('30 9,17 * * *'), '2024-01-01T09:30:00.000Z');
  assert.equal(next('5/20 * * * *'), '2024-01-01T00:05:00.000Z');
  assert.equal(next('+7 * * * *'), '2024-01-01T00:07:00.000Z');
  assert.equal(next('05 1,,2 * * *'), '2024-01-01T01:05:00.000Z');
  // robfig only looks at the part before "-" when it is "*".
  assert.equal(next('*-5 3 * * *'), '2024-01-01T03:00:00.000Z');
  assert.equal(next('  0   12  * * *  '), '2024-01-01T12:00:00.000Z');
});

test('parsing is cached and input is checked', () => {
  assert.equal(parseCron('0 * * * *'), parseCron('0 * * * *'));
  assert.notEqual(parseCron('0 * * * *'), parseCron('0 * * * *', { descriptors: true }));
  assert.equal(parseCron('0 * * * *').expression, '0 * * * *');
  assert.throws(() => parseCron('0 * * * *').next(Number.NaN), CronError);
  assert.throws(() => parseCron('0 * * * *').next(0, 'Mars/Olympus'), /unknown time zone "Mars\/Olympus"/);
});

test('zone clock reproduces Go time.Date for missing and repeated wall times', () => {
  // Go looks the wall time up as if it were UTC: west of Greenwich a gap resolves an hour early,
  // east of it an hour late (golang/go#50223); overlaps resolve to the first reading west, the
  // second east.
  const iso = (ms: number) => new Date(ms).toISOString();
  const ny = new ZoneClock('America/New_York');
  assert.equal(iso(ny.date(2012, 3, 11, 2, 30, 0)), '2012-03-11T06:30:00.000Z'); // 01:30 EST
  assert.equal(iso(ny.date(2012, 11, 4, 1, 30, 0)), '2012-11-04T05:30:00.000Z'); // 01:30 EDT
  const paris = new ZoneClock('Europe/Paris');
  assert.equal(iso(paris.date(2021, 3, 28, 2, 0, 0)), '2021-03-28T01:00:00.000Z'); // 03:00 CEST
  assert.equal(iso(paris.date(2021, 10, 31, 2, 30, 0)), '2021-10-31T01:30:00.000Z'); // 02:30 CET
  const santiago = new ZoneClock('America/Santiago');
  assert.equal(iso(santiago.date(2021, 9, 5, 0, 0, 0)), '2021-09-05T03:00:00.000Z'); // 23:00 on the 4th
  // Overflowing fields normalise as in Go: January 32nd is February 1st.
  assert.equal(iso(new ZoneClock('UTC').date(2024, 1, 32, 24, 0, 0)), '2024-02-02T00:00:00.000Z');
  assert.deepEqual(ny.wall(Date.parse('2012-11-04T06:30:00Z')), {
    year: 2012,
    month: 11,
    day: 4,
    hour: 1,
    minute: 30,
    second: 0,
    weekday: 0,
  });
});
