import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidTimeZone, zonedParts, zonedToEpoch } from '../../../src/lang/tz/zoned-time.js';

test('zonedParts reads the wall clock and offset across DST', () => {
  const summer = zonedParts(Date.UTC(2024, 6, 1, 12), 'America/New_York');
  assert.equal(summer.hour, 8);
  assert.equal(summer.offsetMinutes, -240);
  const winter = zonedParts(Date.UTC(2024, 0, 1, 12), 'America/New_York');
  assert.equal(winter.hour, 7);
  assert.equal(winter.offsetMinutes, -300);
});

test('zonedToEpoch resolves gaps and overlaps like Go time.Date', () => {
  const gap = zonedToEpoch({ year: 2024, month: 3, day: 10, hour: 2, minute: 30 }, 'America/New_York');
  assert.equal(new Date(gap).toISOString(), '2024-03-10T06:30:00.000Z');
  const overlap = zonedToEpoch({ year: 2024, month: 11, day: 3, hour: 1, minute: 30 }, 'America/New_York');
  assert.equal(new Date(overlap).toISOString(), '2024-11-03T05:30:00.000Z');
  const tokyo = zonedToEpoch({ year: 2024, month: 6, day: 1, hour: 9 }, 'Asia/Tokyo');
  assert.equal(new Date(tokyo).toISOString(), '2024-06-01T00:00:00.000Z');
});

test('isValidTimeZone rejects unknown names', () => {
  assert.equal(isValidTimeZone('Europe/Paris'), true);
  assert.equal(isValidTimeZone('Mars/Olympus'), false);
  assert.equal(isValidTimeZone(''), false);
});

test('zonedToEpoch in zones east of UTC follows Go too', () => {
  // 01:30 on London's spring-forward day does not exist; Go moves it to 02:30 BST (01:30Z).
  const gap = zonedToEpoch({ year: 2024, month: 3, day: 31, hour: 1, minute: 30 }, 'Europe/London');
  assert.equal(new Date(gap).toISOString(), '2024-03-31T01:30:00.000Z');
});
