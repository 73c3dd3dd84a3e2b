// When calendar ticks fall (cron and interval, time zones, DST, exclusion dates) and which ticks a
// wake-up emits (catchup on and off, maxDuration, batching).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCalendarConfig, type CalendarPlan } from '../../../src/sources/calendar/calendar-config.js';
import { planOrThrow } from '../../../src/sources/source-config.js';
import { sourceFilterVerdict } from '../../../src/sources/source-filter.js';
import {
  anchorAt,
  calendarEventData,
  calendarEventId,
  decideTicks,
  LATE_TICK_TOLERANCE_MS,
  nextTick,
} from '../../../src/sources/calendar/calendar-schedule.js';

const plan = (cfg: Record<string, unknown>) => planOrThrow(readCalendarConfig, cfg);

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

function ticks(pl: CalendarPlan, from: string, count: number): string[] {
  const out: string[] = [];
  let t = at(from);
  for (let i = 0; i < count; i++) {
    t = nextTick(pl, t);
    out.push(iso(t));
  }
  return out;
}

test('a cron schedule fires at its minutes, in UTC by default', () => {
  assert.deepEqual(ticks(plan({ schedule: '30 * * * *' }), '2024-05-01T10:29:59.500Z', 3), [
    '2024-05-01T10:30:00.000Z',
    '2024-05-01T11:30:00.000Z',
    '2024-05-01T12:30:00.000Z',
  ]);
});

test('a tick exactly at the watermark is not repeated', () => {
  assert.equal(
    iso(nextTick(plan({ schedule: '30 * * * *' }), at('2024-05-01T10:30:00Z'))),
    '2024-05-01T11:30:00.000Z',
  );
});

test('timezone: the cron fields are read on that zone’s wall clock', () => {
  // 09:00 in New York is 13:00 UTC in summer and 14:00 UTC in winter.
  const p = plan({ schedule: '0 9 * * *', timezone: 'America/New_York' });
  assert.deepEqual(ticks(p, '2024-10-31T12:00:00Z', 1), ['2024-10-31T13:00:00.000Z']);
  assert.deepEqual(ticks(p, '2024-11-04T12:00:00Z', 1), ['2024-11-04T14:00:00.000Z']);
});

test('DST spring forward: a wall time that does not exist is skipped that day', () => {
  // 2024-03-10 02:30 does not exist in New York (02:00 jumps to 03:00).
  const p = plan({ schedule: '30 2 * * *', timezone: 'America/New_York' });
  assert.deepEqual(ticks(p, '2024-03-08T12:00:00Z', 3), [
    '2024-03-09T07:30:00.000Z',
    '2024-03-11T06:30:00.000Z',
    '2024-03-12T06:30:00.000Z',
  ]);
});

test('DST fall back: a wall time that exists twice fires in both readings (robfig)', () => {
  const p = plan({ schedule: '30 1 * * *', timezone: 'America/New_York' });
  assert.deepEqual(ticks(p, '2024-11-03T04:00:00Z', 3), [
    '2024-11-03T05:30:00.000Z', // 01:30 EDT
    '2024-11-03T06:30:00.000Z', // 01:30 EST
    '2024-11-04T06:30:00.000Z',
  ]);
});

test('an interval ticks every interval after the watermark, keeping its phase', () => {
  const p = plan({ interval: '90s' });
  const anchor = anchorAt(p, at('2024-05-01T10:00:00.750Z'));
  assert.equal(iso(anchor), '2024-05-01T10:00:00.000Z', 'anchored at the start of the second, as robfig');
  assert.deepEqual(ticks(p, iso(anchor), 3), [
    '2024-05-01T10:01:30.000Z',
    '2024-05-01T10:03:00.000Z',
    '2024-05-01T10:04:30.000Z',
  ]);
  assert.equal(anchorAt(plan({ schedule: '* * * * *' }), 1234), 1234, 'cron schedules start from now');
});

test('exclusion dates: no tick on that day (the EXDATE’s UTC date, time of day ignored)', () => {
  const p = plan({ schedule: '0 12 * * *', exclusionDates: ['EXDATE:20240502T235959Z,20240503T000000Z'] });
  assert.deepEqual(ticks(p, '2024-05-01T13:00:00Z', 2), [
    '2024-05-04T12:00:00.000Z',
    '2024-05-05T12:00:00.000Z',
  ]);
});

test('exclusion dates are compared with the tick’s date in the calendar’s zone', () => {
  // 2024-05-02 22:00 in Los Angeles is 2024-05-03 05:00 UTC: excluded by the 2nd, not the 3rd.
  const p = plan({
    schedule: '0 22 * * *',
    timezone: 'America/Los_Angeles',
    exclusionDates: ['EXDATE:20240502T000000Z'],
  });
  assert.deepEqual(ticks(p, '2024-05-02T00:00:00Z', 2), [
    '2024-05-02T05:00:00.000Z', // May 1st in Los Angeles
    '2024-05-04T05:00:00.000Z', // May 3rd; May 2nd (05-03T05:00Z) is excluded
  ]);
});

test('exclusion dates skip whole days of an interval schedule, keeping its phase', () => {
  const p = plan({ interval: '7m', exclusionDates: ['EXDATE:20240502T000000Z'] });
  const t = nextTick(p, at('2024-05-01T23:55:00Z'));
  // 23:55 + 7m lands on the 2nd; the first grid point on the 3rd is 00:04 (23:55 + 207 × 7m).
  assert.equal(iso(t), '2024-05-03T00:04:00.000Z');
  assert.equal((t - at('2024-05-01T23:55:00Z')) % (7 * 60_000), 0);
});

test('a schedule that never fires again yields NaN', () => {
  assert.ok(Number.isNaN(nextTick(plan({ schedule: '0 0 30 2 *' }), at('2024-01-01T00:00:00Z'))));
  const decision = decideTicks(plan({ schedule: '0 0 30 2 *' }), 0, at('2024-01-01T00:00:00Z'));
  assert.deepEqual(decision.emit, []);
  assert.ok(Number.isNaN(decision.next));
});

test('on time: the due tick is emitted and the next one is scheduled', () => {
  const p = plan({ interval: '1s' });
  const d = decideTicks(p, 10_000, 11_020);
  assert.deepEqual(d, { emit: [11_000], watermark: 11_000, next: 12_000, more: false });
});

test('catchup enabled: every missed tick, oldest first', () => {
  const p = plan({ interval: '10s', persistence: { catchup: { enabled: true } } });
  const d = decideTicks(p, 0, 3_600_000 + 5);
  assert.equal(d.emit.length, 100, 'capped by the batch limit');
  assert.equal(d.more, true);
  assert.equal(d.emit[0], 10_000);
  assert.equal(d.watermark, 1_000_000);
  let w = d.watermark;
  let total = d.emit.length;
  for (;;) {
    const next = decideTicks(p, w, 3_600_000 + 5);
    total += next.emit.length;
    w = next.watermark;
    if (!next.more) break;
  }
  assert.equal(total, 360, 'all ticks of the hour, each once');
  assert.equal(w, 3_600_000);
});

test('catchup maxDuration: only ticks within it are emitted; older ones are skipped', () => {
  const p = plan({ schedule: '* * * * *', persistence: { catchup: { enabled: true, maxDuration: '5m' } } });
  const now = at('2024-05-01T12:00:30Z');
  const d = decideTicks(p, at('2024-05-01T10:00:00Z'), now);
  assert.deepEqual(d.emit.map(iso), [
    '2024-05-01T11:56:00.000Z',
    '2024-05-01T11:57:00.000Z',
    '2024-05-01T11:58:00.000Z',
    '2024-05-01T11:59:00.000Z',
    '2024-05-01T12:00:00.000Z',
  ]);
  assert.deepEqual(d.skipped, { from: at('2024-05-01T10:00:00Z'), to: at('2024-05-01T11:55:30Z') });
  assert.equal(iso(d.next), '2024-05-01T12:01:00.000Z');
});

test('catchup maxDuration keeps an interval on its grid', () => {
  const p = plan({ interval: '1s', persistence: { catchup: { enabled: true, maxDuration: '3s' } } });
  const d = decideTicks(p, 1_000, 100_500);
  assert.deepEqual(d.emit, [98_000, 99_000, 100_000]);
});

test('catchup disabled: after an outage the schedule resumes at its next tick', () => {
  const p = plan({ schedule: '0 * * * *' });
  const d = decideTicks(p, at('2024-05-01T08:00:00Z'), at('2024-05-01T12:20:00Z'));
  assert.deepEqual(d.emit, []);
  assert.equal(iso(d.next), '2024-05-01T13:00:00.000Z');
  assert.ok(d.skipped);
});

test('catchup disabled: a tick a little late (busy or restarting worker) is still emitted', () => {
  const p = plan({ schedule: '0 * * * *' });
  const late = at('2024-05-01T12:00:00Z') + LATE_TICK_TOLERANCE_MS - 1;
  assert.deepEqual(decideTicks(p, at('2024-05-01T11:00:00Z'), late).emit.map(iso), [
    '2024-05-01T12:00:00.000Z',
  ]);
  const tooLate = at('2024-05-01T12:00:00Z') + LATE_TICK_TOLERANCE_MS + 1;
  assert.deepEqual(decideTicks(p, at('2024-05-01T11:00:00Z'), tooLate).emit, []);
});

test('catchup configured but not enabled behaves as disabled', () => {
  const p = plan({ interval: '1m', persistence: { catchup: { enabled: false, maxDuration: '1h' } } });
  assert.deepEqual(decideTicks(p, 0, 600_000 + 5).emit, [600_000]);
});

test('the event payload is Argo’s CalendarEventData: Go time string in the zone, metadata', () => {
  const p = plan({ interval: '1s', timezone: 'Europe/Paris', metadata: { hello: 'world' } });
  assert.deepEqual(calendarEventData(p, at('2024-01-15T08:00:00Z')), {
    eventTime: '2024-01-15 09:00:00 +0100 CET',
    metadata: { hello: 'world' },
  });
  assert.deepEqual(calendarEventData(plan({ interval: '1s' }), at('2024-07-01T00:00:05Z')), {
    eventTime: '2024-07-01 00:00:05 +0000 UTC',
  });
});

test('tick ids are deterministic per source, event and scheduled time', () => {
  const src = { namespace: 'default', name: 'cal' };
  assert.equal(calendarEventId(src, 'e', 5000), calendarEventId(src, 'e', 5000));
  assert.notEqual(calendarEventId(src, 'e', 5000), calendarEventId(src, 'e', 6000));
  assert.notEqual(calendarEventId(src, 'e', 5000), calendarEventId(src, 'f', 5000));
  assert.notEqual(calendarEventId(src, 'e', 5000), calendarEventId({ ...src, namespace: 'x' }, 'e', 5000));
});

test('filter.expression runs over the payload, as Argo’s filterEvent; a failing one drops the tick', () => {
  const data = calendarEventData(plan({ interval: '1s', metadata: { hello: 'world' } }), 0);
  assert.deepEqual(sourceFilterVerdict('metadata.hello == "world"', data), { pass: true });
  assert.equal(sourceFilterVerdict('metadata.hello == "mars"', data).pass, false);
  const broken = sourceFilterVerdict('eventTime + 1', data);
  assert.equal(broken.pass, false);
  assert.match(broken.reason!, /failed/);
  assert.deepEqual(sourceFilterVerdict(undefined, data), { pass: true });
});
