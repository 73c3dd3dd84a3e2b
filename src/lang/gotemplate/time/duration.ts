// time.Duration for templates: nanosecond counts held in a JS number. Parsing and String() are
// the shared exact implementations in ../../duration/; this adapts them (Go's error text, int64
// wrap-around) and adds Round, for dateModify, ago, duration and durationRound.

import {
  DurationError as SharedDurationError,
  formatGoDurationNanos,
  parseGoDurationNanos,
} from '../../duration/index.js';

/** time.ParseDuration's error; the message is Go's text. */
export class DurationError extends Error {}

/** time.ParseDuration. */
export function parseDuration(s: string): number {
  try {
    return Number(parseGoDurationNanos(s));
  } catch (e) {
    if (e instanceof SharedDurationError) throw new DurationError(e.goMessage);
    throw e;
  }
}

/** Duration.String(): "1h2m3.5s", "1.5ms", "0s". Out-of-range counts wrap as Go's int64 does. */
export function formatDuration(d: number): string {
  const nanos = Number.isFinite(d) ? BigInt.asIntN(64, BigInt(Math.trunc(d))) : 0n;
  return formatGoDurationNanos(nanos);
}

/** Duration.Round(m) with half away from zero, as Go does. */
export function roundDuration(d: number, m: number): number {
  if (m <= 0) return d;
  let r = d % m;
  if (d < 0) {
    r = -r;
    if (r + r < m) return d + r;
    return d - m + r;
  }
  if (r + r < m) return d - r;
  return d + m - r;
}
