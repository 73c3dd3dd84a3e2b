// time.Time: an instant (Unix seconds + nanoseconds) plus a location. Calendar arithmetic is
// done here for UTC and fixed offsets; IANA zones get their offset from Intl through
// ../../tz/zoned-time.ts, so DST transitions follow the runtime's tz database.

import { civilFromUnixSeconds, daysFromCivil, type CivilTime } from '../../go/civil-date.js';
import { zonedParts, isValidTimeZone } from '../../tz/zoned-time.js';
import { zoneAbbrev } from './zone-abbrev.js';

export interface GoLocation {
  /** Location name as Go's LoadLocation knows it ("UTC", "Local", "America/New_York", or a fixed zone's name). */
  readonly name: string;
  zoneAt(unixSec: number): { offset: number; abbrev: string };
}

class FixedLocation implements GoLocation {
  constructor(
    readonly name: string,
    readonly offset: number,
    private readonly abbrev: string,
  ) {}
  zoneAt(): { offset: number; abbrev: string } {
    return { offset: this.offset, abbrev: this.abbrev };
  }
}

class IanaLocation implements GoLocation {
  private readonly cache = new Map<number, { offset: number; abbrev: string }>();
  constructor(readonly name: string) {}
  zoneAt(unixSec: number): { offset: number; abbrev: string } {
    // Offsets change at most on hour boundaries in practice; cache per hour.
    const hourKey = Math.floor(unixSec / 3600);
    const hit = this.cache.get(hourKey);
    if (hit && unixSec % 3600 !== 0) return hit;
    const ms = unixSec * 1000;
    const offset = zonedParts(ms, this.name).offsetMinutes * 60;
    const z = { offset, abbrev: zoneAbbrev(this.name, ms, offset) };
    if (this.cache.size > 256) this.cache.clear();
    this.cache.set(hourKey, z);
    return z;
  }
}

export const UTC: GoLocation = new FixedLocation('UTC', 0, 'UTC');
/** Argo's controllers run with the container default zone, UTC. */
export const LOCAL: GoLocation = UTC;

/** time.FixedZone(name, offset). An empty name formats as "+hhmm" under the MST token. */
export function fixedZone(name: string, offset: number): GoLocation {
  return new FixedLocation(name, offset, name);
}

const ianaCache = new Map<string, GoLocation>();

/** time.LoadLocation: undefined for unknown names. */
export function loadLocation(name: string): GoLocation | undefined {
  if (name === '' || name === 'UTC') return UTC;
  if (name === 'Local') return LOCAL;
  const hit = ianaCache.get(name);
  if (hit) return hit;
  // Go rejects names that are not clean relative paths before consulting tzdata.
  if (name.includes('..') || name.startsWith('/') || !isValidTimeZone(name)) return undefined;
  const loc = new IanaLocation(name);
  if (ianaCache.size > 200) ianaCache.clear();
  ianaCache.set(name, loc);
  return loc;
}

const NS = 1_000_000_000;

export class GoTime {
  constructor(
    /** Unix seconds (integer). */
    readonly sec: number,
    /** Nanoseconds within the second, 0..999999999. */
    readonly nsec: number,
    readonly loc: GoLocation,
  ) {}

  static fromEpochMs(ms: number, loc: GoLocation = LOCAL): GoTime {
    const sec = Math.floor(ms / 1000);
    return new GoTime(sec, Math.round((ms - sec * 1000) * 1e6), loc);
  }

  /** time.Date: wall clock in loc → instant; out-of-range fields normalize. */
  static date(
    year: number,
    month: number,
    day: number,
    hour: number,
    min: number,
    sec: number,
    nsec: number,
    loc: GoLocation,
  ): GoTime {
    const s = sec + Math.floor(nsec / NS);
    const ns = ((nsec % NS) + NS) % NS;
    const unixLocal = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + s;
    // Like Go: look up the offset in effect at the local reading, then correct once.
    const offset = loc.zoneAt(unixLocal).offset;
    const offset2 = loc.zoneAt(unixLocal - offset).offset;
    return new GoTime(unixLocal - offset2, ns, loc);
  }

  zone(): { offset: number; abbrev: string } {
    return this.loc.zoneAt(this.sec);
  }

  civil(): CivilTime {
    return civilFromUnixSeconds(this.sec + this.zone().offset);
  }

  /** Adds a Duration in nanoseconds. */
  add(ns: number): GoTime {
    let total = this.nsec + (ns % NS);
    let sec = this.sec + Math.trunc(ns / NS);
    if (total >= NS) {
      sec++;
      total -= NS;
    } else if (total < 0) {
      sec--;
      total += NS;
    }
    return new GoTime(sec, total, this.loc);
  }

  /** t.Sub(u) in nanoseconds. */
  sub(u: GoTime): number {
    return (this.sec - u.sec) * NS + (this.nsec - u.nsec);
  }

  in(loc: GoLocation): GoTime {
    return new GoTime(this.sec, this.nsec, loc);
  }

  isZero(): boolean {
    return this.sec === ZERO_UNIX && this.nsec === 0;
  }

  epochMs(): number {
    return this.sec * 1000 + Math.floor(this.nsec / 1e6);
  }
}

/** Unix seconds of Go's zero Time, January 1, year 1, 00:00:00 UTC. */
const ZERO_UNIX = -62135596800;

export function zeroTime(): GoTime {
  return new GoTime(ZERO_UNIX, 0, UTC);
}
