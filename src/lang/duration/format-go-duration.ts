// Go's Duration.String(): "1h30m0s", "2.5s", "1.5ms", "800µs", "0s". Under a second the largest
// fitting sub-second unit is used; from a second up, hours, minutes and seconds with a fraction.

import { DurationError } from './errors.js';

const NANOS_PER_SECOND = 1_000_000_000n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** "v/10^digits" as Go's fmtFrac prints it: ".5" for 5 with 1 digit, "" when zero. */
function fraction(v: bigint, digits: number): string {
  if (v === 0n) return '';
  return `.${v.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}

export function formatGoDurationNanos(nanos: bigint): string {
  if (nanos < INT64_MIN || nanos > INT64_MAX) {
    throw new DurationError(`duration of ${nanos} ns is outside Go's int64 range`);
  }
  const neg = nanos < 0n;
  const u = neg ? -nanos : nanos;
  let text: string;
  if (u === 0n) {
    text = '0s';
  } else if (u < 1_000n) {
    text = `${u}ns`;
  } else if (u < 1_000_000n) {
    text = `${u / 1_000n}${fraction(u % 1_000n, 3)}µs`;
  } else if (u < NANOS_PER_SECOND) {
    text = `${u / 1_000_000n}${fraction(u % 1_000_000n, 6)}ms`;
  } else {
    const secondsTotal = u / NANOS_PER_SECOND;
    const seconds = `${secondsTotal % 60n}${fraction(u % NANOS_PER_SECOND, 9)}s`;
    const minutesTotal = secondsTotal / 60n;
    if (minutesTotal === 0n) text = seconds;
    else if (minutesTotal < 60n) text = `${minutesTotal}m${seconds}`;
    else text = `${minutesTotal / 60n}h${minutesTotal % 60n}m${seconds}`;
  }
  return neg ? `-${text}` : text;
}

/** Go's Duration.String() for a duration in milliseconds (rounded to the nanosecond). */
export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new DurationError(`cannot format ${ms} ms as a Go duration`);
  return formatGoDurationNanos(BigInt(Math.round(ms * 1e6)));
}
