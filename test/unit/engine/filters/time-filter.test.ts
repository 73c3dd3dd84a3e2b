// filters.time. Expected answers are what Argo Events v1.9.11's own filterTime gives for the
// same window and event time (checked by running it), DST transitions included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterTime, parseClock } from '../../../../src/engine/filters/time-filter.js';
import { assertOutcome, viewOf, type Outcome } from './filter-fixtures.js';

function at(time: string, start: string, stop: string, timezone?: string) {
  const filter = timezone === undefined ? { start, stop } : { start, stop, timezone };
  return filterTime(filter, viewOf({}, { time }));
}

function check(
  name: string,
  time: string,
  start: string,
  stop: string,
  timezone: string | undefined,
  want: Outcome,
) {
  test(name, () => assertOutcome(at(time, start, stop, timezone), want));
}

// ---- UTC windows (no timezone): start inclusive, stop exclusive

test('Argo: [08:09:10, 16:17:18) and its reverse over six times of one day', () => {
  const times = ['00:00:00', '04:05:06', '08:09:10', '12:13:14', '16:17:18', '20:21:22'];
  const iso = (t: string) => `2024-07-15T${t}Z`;
  const inside = times.map((t) => at(iso(t), '08:09:10', '16:17:18').pass);
  assert.deepEqual(inside, [false, false, true, true, false, false]);
  const across = times.map((t) => at(iso(t), '16:17:18', '08:09:10').pass);
  assert.deepEqual(across, [true, true, false, false, true, true]);
});
check('start is inclusive', '2024-07-15T09:00:00Z', '09:00:00', '17:00:00', undefined, 'pass');
check('stop is exclusive', '2024-07-15T17:00:00Z', '09:00:00', '17:00:00', undefined, 'fail');
check(
  'a millisecond before stop is inside',
  '2024-07-15T16:59:59.999Z',
  '09:00:00',
  '17:00:00',
  undefined,
  'pass',
);
check(
  'a millisecond before start is outside',
  '2024-07-15T08:59:59.999Z',
  '09:00:00',
  '17:00:00',
  undefined,
  'fail',
);
check(
  'start == stop lets every event through (at the bound)',
  '2024-07-15T10:00:00Z',
  '10:00:00',
  '10:00:00',
  undefined,
  'pass',
);
check(
  'start == stop lets every event through (before)',
  '2024-07-15T09:00:00Z',
  '10:00:00',
  '10:00:00',
  undefined,
  'pass',
);
check(
  'start == stop lets every event through (after)',
  '2024-07-15T11:00:00Z',
  '10:00:00',
  '10:00:00',
  undefined,
  'pass',
);

// ---- how Go parses the bounds

check('a one-digit hour is accepted', '2024-07-15T10:00:00Z', '9:00:00', '17:00:00', undefined, 'pass');
check('leading spaces are skipped', '2024-07-15T10:00:00Z', ' 09:00:00', '17:00:00', undefined, 'pass');
check(
  'a fraction of a second is accepted',
  '2024-07-15T10:00:00Z',
  '09:00:00.5',
  '17:00:00',
  undefined,
  'pass',
);
check('the fraction counts', '2024-07-15T09:00:00.200Z', '09:00:00.5', '17:00:00', undefined, 'fail');
check('a comma fraction is accepted', '2024-07-15T10:00:00Z', '09:00:00,5', '17:00:00', undefined, 'pass');
check('a one-digit minute is an error', '2024-07-15T10:00:00Z', '09:0:00', '17:00:00', undefined, 'error');
check(
  'missing seconds is an error (Argo test)',
  '2024-07-15T10:00:00Z',
  '09:09:09',
  '10:10',
  undefined,
  'error',
);
check(
  'a one-digit second is an error (Argo test)',
  '2024-07-15T10:00:00Z',
  '09:09:0',
  '19:19:19',
  undefined,
  'error',
);
check('a trailing space is an error', '2024-07-15T10:00:00Z', '09:00:00 ', '17:00:00', undefined, 'error');
check('hour 24 is an error', '2024-07-15T10:00:00Z', '24:00:00', '17:00:00', undefined, 'error');
check('minute 60 is an error', '2024-07-15T10:00:00Z', '09:60:00', '17:00:00', undefined, 'error');
check('second 60 is an error', '2024-07-15T10:00:00Z', '09:00:60', '17:00:00', undefined, 'error');
check('three hour digits is an error', '2024-07-15T10:00:00Z', '009:00:00', '17:00:00', undefined, 'error');

test('parseClock accepts what Argo accepts, in milliseconds since midnight', () => {
  assert.equal(parseClock('09:30:15')?.ms, (9 * 3600 + 30 * 60 + 15) * 1000);
  assert.equal(parseClock('9:30:15')?.ms, (9 * 3600 + 30 * 60 + 15) * 1000);
  assert.equal(parseClock('00:00:00.25')?.ms, 250);
  assert.equal(parseClock('10:10'), undefined);
  assert.equal(parseClock(''), undefined);
});

// ---- time zones (Argo tests, July 2024: daylight time in New York and London)

check('UTC by default', '2024-07-15T10:00:00Z', '09:00:00', '17:00:00', undefined, 'pass');
check(
  'New York: 14:00Z is 10:00 EDT, inside',
  '2024-07-15T14:00:00Z',
  '09:00:00',
  '17:00:00',
  'America/New_York',
  'pass',
);
check(
  'New York: 12:00Z is 08:00 EDT, too early',
  '2024-07-15T12:00:00Z',
  '09:00:00',
  '17:00:00',
  'America/New_York',
  'fail',
);
check(
  'New York: 22:00Z is 18:00 EDT, too late',
  '2024-07-15T22:00:00Z',
  '09:00:00',
  '17:00:00',
  'America/New_York',
  'fail',
);
check('London: 10:00Z is 11:00 BST', '2024-07-15T10:00:00Z', '10:00:00', '18:00:00', 'Europe/London', 'pass');
check('Tokyo: 01:00Z is 10:00 JST', '2024-07-15T01:00:00Z', '09:00:00', '17:00:00', 'Asia/Tokyo', 'pass');
check(
  'New York winter: 15:00Z is 10:00 EST',
  '2024-01-15T15:00:00Z',
  '09:00:00',
  '17:00:00',
  'America/New_York',
  'pass',
);
check(
  'New York overnight: 02:00Z is 22:00 EDT the day before',
  '2024-07-15T02:00:00Z',
  '22:00:00',
  '06:00:00',
  'America/New_York',
  'pass',
);
check('Kathmandu is UTC+5:45', '2024-07-15T03:30:00Z', '09:00:00', '09:30:00', 'Asia/Kathmandu', 'pass');
check(
  '"Local" is the Sensor zone, UTC as in Argo containers',
  '2024-07-15T10:00:00Z',
  '09:00:00',
  '17:00:00',
  'Local',
  'pass',
);
check('"UTC" works', '2024-07-15T10:00:00Z', '09:00:00', '17:00:00', 'UTC', 'pass');
check(
  'aliases such as US/Eastern work',
  '2024-07-15T14:00:00Z',
  '09:00:00',
  '17:00:00',
  'US/Eastern',
  'pass',
);
check('Etc/GMT+5 is five hours west', '2024-07-15T14:00:00Z', '09:00:00', '17:00:00', 'Etc/GMT+5', 'pass');
check(
  'an unknown zone is an error (Argo test)',
  '2024-07-15T10:00:00Z',
  '09:00:00',
  '17:00:00',
  'Invalid/Timezone',
  'error',
);
check(
  'zone names are case-sensitive: "utc" is an error',
  '2024-07-15T10:00:00Z',
  '09:00:00',
  '17:00:00',
  'utc',
  'error',
);
check(
  'zone names are case-sensitive: "asia/tokyo" is an error',
  '2024-07-15T01:00:00Z',
  '09:00:00',
  '17:00:00',
  'asia/tokyo',
  'error',
);
check('an offset is not a zone', '2024-07-15T10:00:00Z', '09:00:00', '17:00:00', '+05:00', 'error');
check('GMT+5 is not a zone', '2024-07-15T10:00:00Z', '09:00:00', '17:00:00', 'GMT+5', 'error');

// ---- midnight-spanning windows across DST, on the event's day in the zone

// New York springs forward on 2024-03-10 at 07:00Z (02:00 EST becomes 03:00 EDT).
const ny = 'America/New_York';
check(
  'NY spring: 01:30 EST is inside [01:30, 03:30)',
  '2024-03-10T06:30:00Z',
  '01:30:00',
  '03:30:00',
  ny,
  'pass',
);
check(
  'NY spring: 02:30 does not exist and opens at 01:30 EST',
  '2024-03-10T06:45:00Z',
  '02:30:00',
  '03:30:00',
  ny,
  'pass',
);
check(
  'NY spring: before the shifted 02:30 start',
  '2024-03-10T06:15:00Z',
  '02:30:00',
  '03:30:00',
  ny,
  'fail',
);
check(
  'NY spring: 03:15 EDT inside [02:30, 03:30)',
  '2024-03-10T07:15:00Z',
  '02:30:00',
  '03:30:00',
  ny,
  'pass',
);
check(
  'NY spring: [23:00, 02:30) at 23:30 EST the day before',
  '2024-03-10T04:30:00Z',
  '23:00:00',
  '02:30:00',
  ny,
  'pass',
);
check(
  'NY spring: [23:00, 02:30) closes at 01:30 EST',
  '2024-03-10T06:31:00Z',
  '23:00:00',
  '02:30:00',
  ny,
  'fail',
);
check(
  'NY spring: [23:00, 02:30) just before it closes',
  '2024-03-10T06:29:00Z',
  '23:00:00',
  '02:30:00',
  ny,
  'pass',
);
check('NY spring: [03:00, 02:30) after the jump', '2024-03-10T07:30:00Z', '03:00:00', '02:30:00', ny, 'pass');
check(
  'NY spring: [03:00, 02:30) in the shifted gap',
  '2024-03-10T06:40:00Z',
  '03:00:00',
  '02:30:00',
  ny,
  'fail',
);
check('NY spring: [23:00, 01:00) at 00:00 EST', '2024-03-10T05:00:00Z', '23:00:00', '01:00:00', ny, 'pass');
check(
  'NY spring: 22:59:59 EST the day before is outside [23:00, 02:00)',
  '2024-03-10T03:59:59Z',
  '23:00:00',
  '02:00:00',
  ny,
  'fail',
);
// New York falls back on 2024-11-03 at 06:00Z (02:00 EDT becomes 01:00 EST): 01:xx happens twice.
check(
  'NY fall: the first 01:30 (EDT) is inside [01:00, 01:45)',
  '2024-11-03T05:30:00Z',
  '01:00:00',
  '01:45:00',
  ny,
  'pass',
);
check(
  'NY fall: the second 01:30 (EST) is outside: Go takes the first',
  '2024-11-03T06:30:00Z',
  '01:00:00',
  '01:45:00',
  ny,
  'fail',
);
check(
  'NY fall: [22:00, 01:30) closes at the first 01:30',
  '2024-11-03T06:30:00Z',
  '22:00:00',
  '01:30:00',
  ny,
  'fail',
);
check('NY fall: [22:00, 01:30) at 01:20 EDT', '2024-11-03T05:20:00Z', '22:00:00', '01:30:00', ny, 'pass');
check('NY fall: [23:30, 00:30) at 00:00 EDT', '2024-11-03T04:00:00Z', '23:30:00', '00:30:00', ny, 'pass');
// Tokyo has no DST: a midnight-spanning window is the same on New York's transition days.
const tokyo = 'Asia/Tokyo';
check('Tokyo: [22:00, 06:00) at 22:00 JST', '2024-03-10T13:00:00Z', '22:00:00', '06:00:00', tokyo, 'pass');
check('Tokyo: [22:00, 06:00) at 21:59:59 JST', '2024-03-10T12:59:59Z', '22:00:00', '06:00:00', tokyo, 'fail');
check('Tokyo: [22:00, 06:00) at 23:30 JST', '2024-03-10T14:30:00Z', '22:00:00', '06:00:00', tokyo, 'pass');
check(
  'Tokyo: [22:00, 06:00) at 05:59:59 JST next day',
  '2024-03-10T20:59:59Z',
  '22:00:00',
  '06:00:00',
  tokyo,
  'pass',
);
check(
  'Tokyo: [22:00, 06:00) closes at 06:00 JST',
  '2024-03-10T21:00:00Z',
  '22:00:00',
  '06:00:00',
  tokyo,
  'fail',
);
check(
  'Tokyo: [23:00, 01:00) at 00:00 JST on NY fall-back day',
  '2024-11-03T15:00:00Z',
  '23:00:00',
  '01:00:00',
  tokyo,
  'pass',
);
check(
  'Tokyo: [23:00, 01:00) closes at 01:00 JST',
  '2024-11-03T16:00:00Z',
  '23:00:00',
  '01:00:00',
  tokyo,
  'fail',
);
check('Tokyo: start == stop passes', '2024-03-10T15:00:00Z', '00:00:00', '00:00:00', tokyo, 'pass');
// London (east of UTC in summer) resolves gaps and overlaps the other way round, as Go does.
const london = 'Europe/London';
check(
  'London spring: 01:30 does not exist and opens at 02:30 BST',
  '2024-03-31T01:15:00Z',
  '01:30:00',
  '03:00:00',
  london,
  'fail',
);
check('London spring: 02:45 BST is inside', '2024-03-31T01:45:00Z', '01:30:00', '03:00:00', london, 'pass');
check(
  'London fall: the first 01:35 (BST) is outside: Go takes the second',
  '2024-10-27T00:35:00Z',
  '01:30:00',
  '01:45:00',
  london,
  'fail',
);
check(
  'London fall: the second 01:35 (GMT) is inside',
  '2024-10-27T01:35:00Z',
  '01:30:00',
  '01:45:00',
  london,
  'pass',
);
check(
  'Lord Howe half-hour DST',
  '2024-04-06T15:00:00Z',
  '01:45:00',
  '02:15:00',
  'Australia/Lord_Howe',
  'fail',
);
check(
  'Apia skipped 2011-12-30 entirely',
  '2011-12-30T22:00:00Z',
  '09:00:00',
  '17:00:00',
  'Pacific/Apia',
  'pass',
);

test('reasons say the event time, its wall clock in the zone and the window', () => {
  const v = at('2024-07-15T12:00:00Z', '09:00:00', '17:00:00', ny);
  assert.equal(
    v.reason,
    'time filter: event time 2024-07-15T12:00:00.000Z (08:00:00 America/New_York) is outside [09:00:00, 17:00:00) America/New_York',
  );
  assert.match(
    at('2024-07-15T10:00:00Z', '9am', '17:00:00').reason!,
    /start "9am" is not a time of day HH:MM:SS/,
  );
  assert.match(
    at('2024-07-15T10:00:00Z', '09:00:00', '17:00:00', 'Mars/Olympus').reason!,
    /invalid timezone "Mars\/Olympus"/,
  );
});

test('an event without data is still filtered on its time', () => {
  const v = filterTime(
    { start: '09:00:00', stop: '10:00:00' },
    viewOf(undefined, { time: '2024-07-15T12:00:00Z' }),
  );
  assert.equal(v.pass, false);
});
