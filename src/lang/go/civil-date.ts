// The proleptic Gregorian calendar as Go's time package computes it: days since 1970-01-01 from a
// year, month and day that may be out of range (month 13 is next January, day 0 the last of the
// previous month), and back; month and weekday names. Pure arithmetic (Hinnant's algorithms),
// so any year works, without Date.

import type { ZonedParts } from '../tz/zoned-time.js';

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Days since 1970-01-01 → proleptic Gregorian date (Hinnant's algorithm). */
function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: month <= 2 ? y + 1 : y, month, day };
}

/** Proleptic Gregorian date → days since 1970-01-01; month/day may be out of range (normalized). */
export function daysFromCivil(year0: number, month0: number, day: number): number {
  // normalize month
  let year = year0 + Math.floor((month0 - 1) / 12);
  const month = ((((month0 - 1) % 12) + 12) % 12) + 1;
  year -= month <= 2 ? 1 : 0;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Calendar and clock fields of a wall reading: zoned-time's fields plus the day of the year. */
export type CivilTime = Omit<ZonedParts, 'millisecond' | 'offsetMinutes'> & {
  /** 1-366 */
  yday: number;
};

/** The fields of a wall reading given as whole seconds since 1970-01-01 00:00 on that clock. */
export function civilFromUnixSeconds(localSeconds: number): CivilTime {
  const days = Math.floor(localSeconds / 86400);
  const secOfDay = localSeconds - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    yday: days - daysFromCivil(year, 1, 1) + 1,
  };
}

const DAY_MS = 86_400_000;
// JS time values stop at ±100,000,000 days around the epoch.
const MAX_TIME_MS = 8.64e15;

/**
 * Go's time.Date(year, month, day, hour, minute, second, 0, time.UTC) in epoch milliseconds, with
 * the same normalisation of out-of-range fields; NaN where a JS Date could not hold the result.
 */
export function utcWallMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): number {
  const dayMs = daysFromCivil(year, month, day) * DAY_MS;
  if (!(Math.abs(dayMs) <= MAX_TIME_MS)) return NaN;
  const ms = dayMs + hour * 3_600_000 + minute * 60_000 + second * 1000;
  return Math.abs(ms) <= MAX_TIME_MS ? ms : NaN;
}
