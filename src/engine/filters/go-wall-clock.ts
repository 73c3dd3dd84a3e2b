// The two pieces of Go's time package that Argo's time filter leans on, so windows open and
// close on the same instants as in Argo: time.Parse("2006-01-02 15:04:05") of a time of day,
// and time.Date's choice of instant for a wall-clock reading in a zone (DST gaps, overlaps).
import { zonedToEpoch } from '../../lang/tz/zoned-time.js';

export interface ClockTime {
  /** milliseconds since midnight, fractions of a second included */
  ms: number;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/**
 * A time of day as Go parses the "15:04:05" part of Argo's layout: the hour takes one or two
 * digits, minutes and seconds exactly two, leading spaces are skipped, a fraction of a second
 * (".5" or ",5") is accepted and nothing may follow. Undefined where Go returns an error.
 */
export function parseGoClock(text: string): ClockTime | undefined {
  let i = 0;
  while (text[i] === ' ') i++;
  if (!isDigit(text, i)) return undefined;
  let hour = text.charCodeAt(i++) - 48;
  if (isDigit(text, i)) hour = hour * 10 + text.charCodeAt(i++) - 48;
  if (text[i++] !== ':' || !isDigit(text, i) || !isDigit(text, i + 1)) return undefined;
  const minute = Number(text.slice(i, i + 2));
  i += 2;
  if (text[i++] !== ':' || !isDigit(text, i) || !isDigit(text, i + 1)) return undefined;
  const second = Number(text.slice(i, i + 2));
  i += 2;
  if (hour >= 24 || minute >= 60 || second >= 60) return undefined;
  let fraction = 0;
  if ((text[i] === '.' || text[i] === ',') && isDigit(text, i + 1)) {
    const start = ++i;
    while (isDigit(text, i)) i++;
    // Go keeps nanoseconds; nine digits are all that can matter.
    fraction = Number(`0.${text.slice(start, Math.min(i, start + 9))}`);
  }
  if (i !== text.length) return undefined;
  return { ms: ((hour * 60 + minute) * 60 + second) * 1000 + fraction * 1000 };
}

/** The instant Go's time.Date picks for a wall-clock reading in `timeZone` (see zonedToEpoch). */
export function goWallClockToEpoch(
  day: { year: number; month: number; day: number },
  clock: ClockTime,
  timeZone: string,
): number {
  // Date.UTC normalises milliseconds past midnight into hours, minutes and seconds.
  return zonedToEpoch({ year: day.year, month: day.month, day: day.day, millisecond: clock.ms }, timeZone);
}
