// Expectations come from robfig/cron v3 spec_test.go (TestNext) and Argo Events'
// pkg/shared/util/cronutil_test.go (TestPrevCronTime), with six-field specs whose seconds field is
// 0 written as the equivalent five-field spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCron } from '../../../../src/lang/cron/index.js';

const at = (iso: string) => {
  const ms = Date.parse(iso);
  assert.ok(Number.isFinite(ms), iso);
  return ms;
};
const iso = (ms: number) => (Number.isNaN(ms) ? 'NaN' : new Date(ms).toISOString());

function assertNext(from: string, expr: string, expected: string, timeZone?: string) {
  const got = parseCron(expr).next(at(from), timeZone);
  assert.equal(iso(got), expected === '' ? 'NaN' : iso(at(expected)), `next(${from}) of "${expr}"`);
}

function assertPrev(from: string, expr: string, expected: string, timeZone?: string) {
  const got = parseCron(expr).prev(at(from), timeZone);
  assert.equal(iso(got), expected === '' ? 'NaN' : iso(at(expected)), `prev(${from}) of "${expr}"`);
}

test('next: simple cases and wrap-arounds (robfig TestNext)', () => {
  assertNext('2012-07-09T14:45:00Z', '0/15 * * * *', '2012-07-09T15:00:00Z');
  assertNext('2012-07-09T14:59:00Z', '0/15 * * * *', '2012-07-09T15:00:00Z');
  assertNext('2012-07-09T14:59:59Z', '0/15 * * * *', '2012-07-09T15:00:00Z');
  assertNext('2012-07-09T15:45:00Z', '20-35/15 * * * *', '2012-07-09T16:20:00Z');
  assertNext('2012-07-09T23:46:00Z', '*/15 * * * *', '2012-07-10T00:00:00Z');
  assertNext('2012-07-09T23:45:00Z', '20-35/15 * * * *', '2012-07-10T00:20:00Z');
  assertNext('2012-07-09T23:35:00Z', '0 0 9 Apr-Oct ?', '2012-08-09T00:00:00Z');
  assertNext('2012-07-09T23:35:00Z', '0 0 */5 Apr,Aug,Oct Mon', '2012-08-01T00:00:00Z');
  assertNext('2012-07-09T23:35:00Z', '0 0 */5 Oct Mon', '2012-10-01T00:00:00Z');
  assertNext('2012-07-09T23:35:00Z', '0 0 * Feb Mon', '2013-02-04T00:00:00Z');
  assertNext('2012-07-09T23:35:00Z', '0 0 * Feb Mon/2', '2013-02-01T00:00:00Z');
  assertNext('2012-12-31T23:59:45Z', '* * * * *', '2013-01-01T00:00:00Z');
  assertNext('2012-07-09T23:35:00Z', '0 0 29 Feb ?', '2016-02-29T00:00:00Z');
});

test('next is strictly after the given time, from the next whole second', () => {
  assertNext('2024-05-01T10:00:00Z', '0 10 * * *', '2024-05-02T10:00:00Z');
  assertNext('2024-05-01T09:59:59.999Z', '0 10 * * *', '2024-05-01T10:00:00Z');
  assertNext('2024-05-01T10:00:00.500Z', '* * * * *', '2024-05-01T10:01:00Z');
});

test('next: schedules that never fire give NaN after robfig five-year search', () => {
  assertNext('2012-07-09T23:35:00Z', '0 0 30 Feb ?', '');
  assertNext('2012-07-09T23:35:00Z', '0 0 31 Apr ?', '');
  // Go's strings.FieldsFunc drops empty list items: a minute field of "," matches nothing.
  assertNext('2012-07-09T23:35:00Z', ', * * * *', '');
});

test('next across spring forward in New York: the missing hour is skipped (robfig TestNext)', () => {
  const ny = 'CRON_TZ=America/New_York ';
  assertNext('2012-03-11T00:00:00-05:00', `${ny}30 2 11 Mar ?`, '2013-03-11T02:30:00-04:00');
  assertNext('2012-03-11T00:00:00-05:00', `${ny}0 * * * ?`, '2012-03-11T01:00:00-05:00');
  assertNext('2012-03-11T01:00:00-05:00', `${ny}0 * * * ?`, '2012-03-11T03:00:00-04:00');
  assertNext('2012-03-11T03:00:00-04:00', `${ny}0 * * * ?`, '2012-03-11T04:00:00-04:00');
  assertNext('2012-03-11T00:00:00-05:00', `${ny}0 1 * * ?`, '2012-03-11T01:00:00-05:00');
  assertNext('2012-03-11T01:00:00-05:00', `${ny}0 1 * * ?`, '2012-03-12T01:00:00-04:00');
  assertNext('2012-03-11T00:00:00-05:00', `${ny}0 2 * * ?`, '2012-03-12T02:00:00-04:00');
  // TZ= works like CRON_TZ=.
  assertNext('2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 * * * ?', '2012-03-11T03:00:00-04:00');
});

test('next across fall back in New York: the repeated hour fires twice (robfig TestNext)', () => {
  const ny = 'CRON_TZ=America/New_York ';
  assertNext('2012-11-04T00:00:00-04:00', `${ny}30 2 04 Nov ?`, '2012-11-04T02:30:00-05:00');
  assertNext('2012-11-04T01:45:00-04:00', `${ny}30 1 04 Nov ?`, '2012-11-04T01:30:00-05:00');
  assertNext('2012-11-04T00:00:00-04:00', `${ny}0 * * * ?`, '2012-11-04T01:00:00-04:00');
  assertNext('2012-11-04T01:00:00-04:00', `${ny}0 * * * ?`, '2012-11-04T01:00:00-05:00');
  assertNext('2012-11-04T01:00:00-05:00', `${ny}0 * * * ?`, '2012-11-04T02:00:00-05:00');
  assertNext('2012-11-04T00:00:00-04:00', `${ny}0 1 * * ?`, '2012-11-04T01:00:00-04:00');
  assertNext('2012-11-04T01:00:00-04:00', `${ny}0 1 * * ?`, '2012-11-04T01:00:00-05:00');
  assertNext('2012-11-04T01:00:00-05:00', `${ny}0 1 * * ?`, '2012-11-05T01:00:00-05:00');
  assertNext('2012-11-04T00:00:00-04:00', `${ny}0 2 * * ?`, '2012-11-04T02:00:00-05:00');
  assertNext('2012-11-04T02:00:00-05:00', `${ny}0 2 * * ?`, '2012-11-05T02:00:00-05:00');
  assertNext('2012-11-04T00:00:00-04:00', `${ny}0 3 * * ?`, '2012-11-04T03:00:00-05:00');
  assertNext('2012-11-04T03:00:00-05:00', `${ny}0 3 * * ?`, '2012-11-05T03:00:00-05:00');
});

test('the timeZone argument plays Go time.Local: same answers as CRON_TZ', () => {
  const ny = 'America/New_York';
  assertNext('2012-11-04T00:00:00-04:00', '0 * * * ?', '2012-11-04T01:00:00-04:00', ny);
  assertNext('2012-11-04T01:00:00-04:00', '0 * * * ?', '2012-11-04T01:00:00-05:00', ny);
  assertNext('2012-11-04T01:00:00-04:00', '0 1 * * ?', '2012-11-04T01:00:00-05:00', ny);
  assertNext('2012-11-04T00:00:00-04:00', '0 3 3 * ?', '2012-12-03T03:00:00-05:00', ny);
  // CRON_TZ wins over the argument.
  assertNext('2012-11-04T00:00:00-04:00', 'CRON_TZ=UTC 0 3 * * *', '2012-11-05T03:00:00Z', ny);
  // robfig TestNextWithTz, in a +05:30 zone.
  assertNext('2016-01-03T13:09:03+05:30', '14 14 * * *', '2016-01-03T14:14:00+05:30', 'Asia/Kolkata');
  assertNext('2016-01-03T04:09:03+05:30', '14 14 * * ?', '2016-01-03T14:14:00+05:30', 'Asia/Kolkata');
  // CRON_TZ=Local means "no zone of its own".
  assertNext('2012-11-04T01:00:00-04:00', 'CRON_TZ=Local 0 1 * * ?', '2012-11-04T01:00:00-05:00', ny);
});

test('next where midnight does not exist (Sao Paulo, robfig issue 157)', () => {
  const sp = 'CRON_TZ=America/Sao_Paulo ';
  assertNext('2018-10-17T05:00:00-04:00', `${sp}0 9 10 * ?`, '2018-11-10T06:00:00-05:00');
  assertNext('2018-02-14T05:00:00-05:00', `${sp}0 9 22 * ?`, '2018-02-22T07:00:00-05:00');
  // Midnight on 2018-11-04 never happened there, so a midnight job skips that day.
  assertNext('2018-11-03T12:00:00-03:00', `${sp}0 0 * * *`, '2018-11-05T00:00:00-02:00');
});

test('next across DST east of Greenwich (Paris): gap skipped, overlap fires twice', () => {
  const paris = 'Europe/Paris';
  assertNext('2021-03-28T00:00:00+01:00', '30 2 * * *', '2021-03-29T02:30:00+02:00', paris);
  assertNext('2021-10-31T00:00:00+02:00', '30 2 * * *', '2021-10-31T02:30:00+02:00', paris);
  assertNext('2021-10-31T02:30:00+02:00', '30 2 * * *', '2021-10-31T02:30:00+01:00', paris);
  assertNext('2021-10-31T02:30:00+01:00', '30 2 * * *', '2021-11-01T02:30:00+01:00', paris);
});

test('prev: Argo TestPrevCronTime cases', () => {
  assertPrev('2012-07-09T15:00:00Z', '0/15 * * * *', '2012-07-09T14:45:00Z');
  assertPrev('2012-07-09T14:59:00Z', '0/15 * * * *', '2012-07-09T14:45:00Z');
  assertPrev('2012-07-09T15:01:59Z', '0/15 * * * *', '2012-07-09T15:00:00Z');
  assertPrev('2012-07-09T15:10:00Z', '20-35/15 * * * *', '2012-07-09T14:35:00Z');
  assertPrev('2012-07-10T00:00:00Z', '*/15 * * * *', '2012-07-09T23:45:00Z');
  assertPrev('2012-07-10T00:00:00Z', '20-35/15 * * * *', '2012-07-09T23:35:00Z');
  assertPrev('2012-07-09T09:35:00Z', '0 12 9 Apr-Oct ?', '2012-06-09T12:00:00Z');
  assertPrev('2018-07-09T23:35:00Z', '0 0 29 Feb ?', '2016-02-29T00:00:00Z');
  const ny = 'CRON_TZ=America/New_York ';
  assertPrev('2013-03-11T02:30:00-04:00', `${ny}0 12 9 Mar ?`, '2013-03-09T12:00:00-05:00');
  assertPrev('2012-03-11T01:00:00-05:00', `${ny}0 * * * ?`, '2012-03-11T00:00:00-05:00');
  assertPrev('2012-03-12T00:00:00-04:00', `${ny}0 2 * * ?`, '2012-03-10T02:00:00-05:00');
  assertPrev('2012-11-04T02:00:00-05:00', `${ny}0 0 * * ?`, '2012-11-04T00:00:00-04:00');
  assertPrev('2012-11-05T02:00:00-05:00', `${ny}0 2 * * ?`, '2012-11-04T02:00:00-05:00');
  assertPrev('2012-07-09T23:35:00Z', '0 0 30 Feb ?', '');
  assertPrev('2012-07-09T23:35:00Z', '0 0 31 Apr ?', '');
  assertPrev('2012-12-03T00:00:00-05:00', '0 3 3 * ?', '2012-11-03T03:00:00-04:00', 'America/New_York');
});

test('prev excludes a fire at the given second, as Argo PrevCronTime does', () => {
  assertPrev('2024-05-01T10:00:00Z', '0 10 * * *', '2024-04-30T10:00:00Z');
  assertPrev('2024-05-01T10:00:00.999Z', '0 10 * * *', '2024-04-30T10:00:00Z');
  assertPrev('2024-05-01T10:00:01Z', '0 10 * * *', '2024-05-01T10:00:00Z');
  // Across a spring-forward gap east of Greenwich the missing 02:30 is skipped.
  assertPrev('2021-03-28T04:00:00+02:00', '30 2 * * *', '2021-03-27T02:30:00+01:00', 'Europe/Paris');
});

test('day of month and day of week: either matches unless one is *', () => {
  const fires = (expr: string, from: string, n: number) => {
    const s = parseCron(expr);
    const out: string[] = [];
    let t = at(from);
    for (let i = 0; i < n; i++) {
      t = s.next(t);
      out.push(iso(t).slice(0, 10));
    }
    return out;
  };
  // 2024-01-01 is a Monday.
  assert.deepEqual(fires('0 0 * * MON', '2023-12-31T12:00:00Z', 3), [
    '2024-01-01',
    '2024-01-08',
    '2024-01-15',
  ]);
  assert.deepEqual(fires('0 0 1 * MON', '2024-01-20T00:00:00Z', 3), [
    '2024-01-22',
    '2024-01-29',
    '2024-02-01',
  ]);
  // A step above 1 clears the star, so */2 in day-of-month is "either" too.
  assert.deepEqual(fires('0 0 */10 * sun', '2024-01-01T12:00:00Z', 3), [
    '2024-01-07',
    '2024-01-11',
    '2024-01-14',
  ]);
  // */1 is still a star.
  assert.deepEqual(fires('0 0 */1 * SUN', '2024-01-01T12:00:00Z', 2), ['2024-01-07', '2024-01-14']);
  // A range covering every day is not a star: with MON it means every day.
  assert.deepEqual(fires('0 0 1-31 * MON', '2024-01-01T12:00:00Z', 2), ['2024-01-02', '2024-01-03']);
});

test('@every fires at a fixed delay from the whole second; it has no prev', () => {
  const every = parseCron('@every 1h30m', { descriptors: true });
  assert.equal(iso(every.next(at('2024-05-01T10:00:00.750Z'))), '2024-05-01T11:30:00.000Z');
  assert.equal(
    iso(parseCron('@every 1.9s', { descriptors: true }).next(at('2024-05-01T10:00:00Z'))),
    '2024-05-01T10:00:01.000Z',
  );
  assert.equal(
    iso(parseCron('@every 10ms', { descriptors: true }).next(at('2024-05-01T10:00:00Z'))),
    '2024-05-01T10:00:01.000Z',
  );
  assert.throws(() => every.prev(at('2024-05-01T10:00:00Z')), /no previous fire time/);
});

test('descriptors map to their schedules', () => {
  const d = { descriptors: true };
  const from = at('2024-05-15T10:20:30Z');
  assert.equal(iso(parseCron('@hourly', d).next(from)), '2024-05-15T11:00:00.000Z');
  assert.equal(iso(parseCron('@daily', d).next(from)), '2024-05-16T00:00:00.000Z');
  assert.equal(iso(parseCron('@midnight', d).next(from)), '2024-05-16T00:00:00.000Z');
  assert.equal(iso(parseCron('@weekly', d).next(from)), '2024-05-19T00:00:00.000Z');
  assert.equal(iso(parseCron('@monthly', d).next(from)), '2024-06-01T00:00:00.000Z');
  assert.equal(iso(parseCron('@yearly', d).next(from)), '2025-01-01T00:00:00.000Z');
  assert.equal(iso(parseCron('@annually', d).prev(from)), '2024-01-01T00:00:00.000Z');
  assert.equal(iso(parseCron('CRON_TZ=Asia/Tokyo @daily', d).next(from)), '2024-05-15T15:00:00.000Z');
});
