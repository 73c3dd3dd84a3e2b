// Wall-clock arithmetic in one IANA zone with Go's time package semantics, for the cron search.
// robfig/cron steps through candidate times with time.Date, AddDate and Add; reproducing its DST
// behaviour needs Go's exact rule for wall times that do not exist or exist twice (the rule
// zonedToEpoch follows, here with cached offsets): Go looks the wall time up as if it were UTC, so in a spring-forward gap it
// lands an hour early in zones west of Greenwich and an hour late east of it, and in a fall-back
// overlap it picks the first reading west of Greenwich and the second east of it.
//
// A search makes many zone lookups and each Intl lookup costs microseconds, so UTC offsets are
// cached: per day when the offset is the same at the start, middle and end of the day, otherwise
// per quarter hour (every real transition falls on a quarter hour, and a quarter with a transition
// inside is not cached).

import { civilFromUnixSeconds, utcWallMs, type CivilTime } from '../go/civil-date.js';
import { isValidTimeZone, zonedParts } from '../tz/zoned-time.js';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const MAX_CACHED_OFFSETS = 20_000;
const MAX_CLOCKS = 64;

/** A wall clock reading (Go's t.In(loc) fields). */
export type WallTime = Omit<CivilTime, 'yday'>;

function remember(cache: Map<number, number>, key: number, value: number): void {
  if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
  cache.set(key, value);
}

export class ZoneClock {
  private readonly dayOffsets = new Map<number, number>();
  private readonly quarterOffsets = new Map<number, number>();
  private readonly fixedUtc: boolean;

  constructor(readonly timeZone: string) {
    this.fixedUtc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
  }

  /** Milliseconds east of UTC in effect at `instant`. */
  offsetMs(instant: number): number {
    if (this.fixedUtc) return 0;
    const day = Math.floor(instant / DAY_MS);
    const daily = this.dayOffsets.get(day);
    if (daily !== undefined) return daily;
    const start = day * DAY_MS;
    const first = this.lookup(start);
    if (first === this.lookup(start + DAY_MS / 2) && first === this.lookup(start + DAY_MS - 1)) {
      remember(this.dayOffsets, day, first);
      return first;
    }
    return this.quarterOffset(instant);
  }

  private quarterOffset(instant: number): number {
    const quarter = Math.floor(instant / QUARTER_HOUR_MS);
    const cached = this.quarterOffsets.get(quarter);
    if (cached !== undefined) return cached;
    const start = quarter * QUARTER_HOUR_MS;
    const first = this.lookup(start);
    if (first !== this.lookup(start + QUARTER_HOUR_MS - 1)) return this.lookup(instant);
    remember(this.quarterOffsets, quarter, first);
    return first;
  }

  private lookup(instant: number): number {
    return zonedParts(instant, this.timeZone).offsetMinutes * MINUTE_MS;
  }

  /** The wall clock reading at `instant` (Go's t.In(loc) fields). */
  wall(instant: number): WallTime {
    const { yday: _yday, ...wall } = civilFromUnixSeconds(
      Math.floor((instant + this.offsetMs(instant)) / SECOND_MS),
    );
    return wall;
  }

  /** Go's time.Date(year, month, day, hour, minute, second, 0, loc), overflow and DST included. */
  date(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const naive = utcWallMs(year, month, day, hour, minute, second);
    const guess = this.offsetMs(naive);
    const instant = naive - guess;
    const actual = this.offsetMs(instant);
    return actual === guess ? instant : naive - actual;
  }
}

const clocks = new Map<string, ZoneClock>();

/** The clock for an IANA zone name, or undefined if Intl does not know the zone. */
export function zoneClock(timeZone: string): ZoneClock | undefined {
  let clock = clocks.get(timeZone);
  if (!clock) {
    if (!isValidTimeZone(timeZone)) return undefined;
    clock = new ZoneClock(timeZone);
    if (clocks.size >= MAX_CLOCKS) clocks.clear();
    clocks.set(timeZone, clock);
  }
  return clock;
}
