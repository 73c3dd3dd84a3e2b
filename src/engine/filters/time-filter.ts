// filters.time: a daily window [start, stop) on the event's time, in UTC or an IANA zone;
// when stop <= start the window spans midnight (Argo's filterTime).
import { zonedParts, zonedToEpoch, UnknownTimeZoneError } from '../../lang/tz/zoned-time.js';
import type { EventView } from '../cloudevent.js';
import { errored, fail, PASS, type FilterVerdict } from './verdict.js';

const CLOCK = /^(\d{2}):(\d{2}):(\d{2})$/;

/** "HH:MM:SS" → its parts, or undefined when Go's time.Parse("15:04:05") would reject it. */
export function parseClock(s: string): { h: number; m: number; s: number } | undefined {
  const m = CLOCK.exec(s);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const sec = Number(m[3]);
  if (h > 23 || min > 59 || sec > 59) return undefined;
  return { h, m: min, s: sec };
}

export function filterTime(
  time: { start: string; stop: string; timezone?: string } | undefined,
  view: EventView,
): FilterVerdict {
  if (!time) return PASS;
  const tz = time.timezone && time.timezone !== '' ? time.timezone : 'UTC';
  const start = parseClock(time.start);
  const stop = parseClock(time.stop);
  if (!start) return errored(`time filter error (start ${JSON.stringify(time.start)} is not HH:MM:SS)`);
  if (!stop) return errored(`time filter error (stop ${JSON.stringify(time.stop)} is not HH:MM:SS)`);
  let startMs: number;
  let stopMs: number;
  try {
    // Both bounds sit on the calendar day of the event, as read in the filter's zone.
    const day = zonedParts(view.timeMs, tz);
    const at = (c: { h: number; m: number; s: number }) =>
      zonedToEpoch(
        { year: day.year, month: day.month, day: day.day, hour: c.h, minute: c.m, second: c.s },
        tz,
      );
    startMs = at(start);
    stopMs = at(stop);
  } catch (e) {
    if (e instanceof UnknownTimeZoneError) return errored(`time filter error (${e.message})`);
    throw e;
  }
  const t = view.timeMs;
  const inside = startMs < stopMs ? t >= startMs && t < stopMs : t >= startMs || t < stopMs;
  return inside
    ? PASS
    : fail(`time filter: event time ${view.context.time} is outside [${time.start}, ${time.stop}) ${tz}`);
}
