// filters.time: a daily window [start, stop) on the event's time, read in UTC or an IANA zone
// on the event's calendar day there; when stop <= start the window spans midnight, so
// start == stop lets every event through (Argo's filterTime).
import { zonedParts, isValidTimeZone } from '../../lang/tz/zoned-time.js';
import type { EventView } from '../cloudevent.js';
import { goWallClockToEpoch, parseGoClock, type ClockTime } from './go-wall-clock.js';
import { errored, fail, PASS, type FilterVerdict } from './verdict.js';

export interface TimeFilter {
  start: string;
  stop: string;
  timezone?: string;
}

/** A time of day as Argo accepts it ("09:00:00", "9:00:00", "09:00:00.5"), or undefined. */
export function parseClock(s: string): ClockTime | undefined {
  return parseGoClock(s);
}

const resolvedZones = new Map<string, string | undefined>();

/**
 * The zone to read the window in, or undefined when Go's time.LoadLocation would fail. "" and
 * "UTC" are UTC; "Local" is the Sensor's own zone, UTC in Argo's containers. Go reads zone
 * files by exact name, so "utc" or "asia/tokyo" fail there although Intl accepts them.
 * (Exported so manifest validation can apply the same rule.)
 */
export function timeFilterZone(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return 'UTC';
  let zone = resolvedZones.get(name);
  if (zone === undefined && !resolvedZones.has(name)) {
    zone = isValidTimeZone(name) ? name : undefined;
    if (zone !== undefined) {
      const canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
      if (canonical !== name && canonical.toLowerCase() === name.toLowerCase()) zone = undefined;
    }
    resolvedZones.set(name, zone);
  }
  return zone;
}

function clockError(which: 'start' | 'stop', text: string): FilterVerdict {
  return errored(
    `time filter error (${which} ${JSON.stringify(text)} is not a time of day HH:MM:SS, e.g. "09:00:00")`,
  );
}

export function filterTime(time: TimeFilter | undefined, view: EventView): FilterVerdict {
  if (!time) return PASS;
  const tzName = time.timezone ?? '';
  const tz = timeFilterZone(tzName);
  if (tz === undefined) {
    return errored(
      `time filter error (invalid timezone ${JSON.stringify(tzName)}: use an IANA name with its exact ` +
        `spelling, such as "America/New_York" or "UTC")`,
    );
  }
  const start = parseGoClock(time.start);
  if (!start) return clockError('start', time.start);
  const stop = parseGoClock(time.stop);
  if (!stop) return clockError('stop', time.stop);
  // Both bounds sit on the calendar day of the event, as read in the filter's zone.
  const day = zonedParts(view.timeMs, tz);
  const startMs = goWallClockToEpoch(day, start, tz);
  const stopMs = goWallClockToEpoch(day, stop, tz);
  const t = view.timeMs;
  const inside = startMs < stopMs ? t >= startMs && t < stopMs : t >= startMs || t < stopMs;
  if (inside) return PASS;
  const local = zonedParts(t, tz);
  const pad = (n: number) => String(n).padStart(2, '0');
  const wall = `${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}`;
  return fail(
    `time filter: event time ${new Date(t).toISOString()} (${wall} ${tz}) is outside ` +
      `[${time.start}, ${time.stop}) ${tz}`,
  );
}
