// Wall-clock arithmetic in IANA time zones through Intl only, so it runs unchanged inside the
// Temporal workflow sandbox (no Node built-ins, no clock: every function takes the instant).

export interface ZonedParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** minutes east of UTC in effect at that instant (New York in winter: -300) */
  offsetMinutes: number;
}

class UnknownTimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(`unknown time zone "${timeZone}": use an IANA name such as "America/New_York" or "UTC"`);
    this.name = 'UnknownTimeZoneError';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
        era: 'short',
      });
    } catch {
      throw new UnknownTimeZoneError(timeZone);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is a zone name Intl knows ("" and "Local" are not accepted). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock reading of `epochMs` in `timeZone` (default UTC). */
export function zonedParts(epochMs: number, timeZone = 'UTC'): ZonedParts {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let weekday = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'weekday':
        weekday = WEEKDAYS[p.value] ?? 0;
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
    }
  }
  if (bc) year = 1 - year;
  const millisecond = ((epochMs % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const offsetMinutes = Math.round((asUtc - epochMs) / 60000);
  return { year, month, day, hour, minute, second, millisecond, weekday, offsetMinutes };
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** Offset of `timeZone` from UTC at an instant, in ms, seconds included (LMT offsets have them). */
function offsetAt(epochMs: number, timeZone: string): number {
  const p = zonedParts(epochMs, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - epochMs;
}

/**
 * The instant at which `timeZone`'s clocks read `wall`, chosen exactly as Go's time.Date does:
 * the offset in effect at the reading taken as UTC, unless that offset is not valid at the
 * instant it implies, in which case the offset there. So a reading in a DST gap moves back in
 * zones west of UTC (02:30 on a New York spring-forward day is 06:30Z, 01:30 EST) and forward
 * east of it (01:30 on a London one is 01:30Z, 02:30 BST); overlaps likewise depend on the side.
 */
export function zonedToEpoch(wall: WallClock, timeZone = 'UTC'): number {
  const naive = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour ?? 0,
    wall.minute ?? 0,
    wall.second ?? 0,
    wall.millisecond ?? 0,
  );
  if (timeZone === 'UTC') return naive;
  const first = offsetAt(naive, timeZone);
  if (first === 0) return naive;
  return naive - offsetAt(naive - first, timeZone);
}
