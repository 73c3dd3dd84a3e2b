// Go's time.ParseDuration: a possibly signed sequence of decimal numbers, each with an optional
// fraction and a unit ("300ms", "-1.5h", "2h45m"). Computed in integer nanoseconds, as Go does,
// including its float64 step for fractions, so results match to the nanosecond; the same int64
// overflow rules apply.

import { quoteTimeText } from '../go/quote.js';
import { DurationError } from './errors.js';

const NANOS_PER_UNIT: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['µs', 1_000n], // U+00B5 micro sign
  ['μs', 1_000n], // U+03BC Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

const TWO_63 = 1n << 63n;
const MAX_CACHED = 512;
const cache = new Map<string, bigint>();

const UNITS_HINT = 'valid units are ns, us (or µs), ms, s, m and h, as in "1h30m" or "250ms"';

function invalid(orig: string, why: string): DurationError {
  return new DurationError(
    `invalid duration ${quoteTimeText(orig)}: ${why}`,
    `time: invalid duration ${quoteTimeText(orig)}`,
  );
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function unitHint(unit: string): string {
  if (unit === 'd' || unit === 'day' || unit === 'days') return 'Go durations have no day unit: write 24h';
  if (unit === 'w') return 'Go durations have no week unit: write 168h';
  if (/^\s/.test(unit)) return 'no spaces are allowed between a number and its unit';
  if (NANOS_PER_UNIT.has(unit.toLowerCase())) return `units are lower case: write "${unit.toLowerCase()}"`;
  return UNITS_HINT;
}

function parse(orig: string): bigint {
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid(orig, `empty; ${UNITS_HINT}`);

  let total = 0n;
  let i = 0;
  while (i < s.length) {
    if (!(s[i] === '.' || isDigit(s[i]))) {
      throw invalid(orig, `expected a number at offset ${i + (orig.length - s.length)}; ${UNITS_HINT}`);
    }
    // Integer part, refusing values past 2^63 as Go's leadingInt does.
    const intStart = i;
    let whole = 0n;
    while (isDigit(s[i])) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 48);
      if (whole > TWO_63) throw invalid(orig, 'number too large');
      i++;
    }
    const hasWhole = i > intStart;
    // Fraction: digits beyond int64 precision are read but ignored, as Go's leadingFraction does.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (s[i] === '.') {
      i++;
      let overflow = false;
      const fracStart = i;
      while (isDigit(s[i])) {
        if (!overflow) {
          const next = fraction * 10n + BigInt(s.charCodeAt(i) - 48);
          if (fraction > (TWO_63 - 1n) / 10n || next > TWO_63) overflow = true;
          else {
            fraction = next;
            scale *= 10;
          }
        }
        i++;
      }
      hasFraction = i > fracStart;
    }
    if (!hasWhole && !hasFraction) throw invalid(orig, `a "." needs digits; ${UNITS_HINT}`);

    const unitStart = i;
    while (i < s.length && s[i] !== '.' && !isDigit(s[i])) i++;
    if (i === unitStart) {
      throw new DurationError(
        `missing unit in duration ${quoteTimeText(orig)}: ${UNITS_HINT}`,
        `time: missing unit in duration ${quoteTimeText(orig)}`,
      );
    }
    const unitText = s.slice(unitStart, i);
    const unit = NANOS_PER_UNIT.get(unitText);
    if (unit === undefined) {
      throw new DurationError(
        `unknown unit ${quoteTimeText(unitText)} in duration ${quoteTimeText(orig)}: ${unitHint(unitText)}`,
        `time: unknown unit ${quoteTimeText(unitText)} in duration ${quoteTimeText(orig)}`,
      );
    }
    if (whole > TWO_63 / unit) throw invalid(orig, 'out of range (about ±2562047h)');
    let value = whole * unit;
    if (fraction > 0n) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)), in float64 arithmetic.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > TWO_63) throw invalid(orig, 'out of range (about ±2562047h)');
    }
    total += value;
    if (total > TWO_63) throw invalid(orig, 'out of range (about ±2562047h)');
  }
  if (neg) return -total;
  if (total > TWO_63 - 1n) throw invalid(orig, 'out of range (about ±2562047h)');
  return total;
}

/** Go's time.ParseDuration, in integer nanoseconds. Throws DurationError. */
export function parseGoDurationNanos(text: string): bigint {
  let nanos = cache.get(text);
  if (nanos === undefined) {
    nanos = parse(text);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, nanos);
  }
  return nanos;
}

/** Go's time.ParseDuration, in milliseconds (fractional below a millisecond). Throws DurationError. */
export function parseGoDuration(text: string): number {
  return Number(parseGoDurationNanos(text)) / 1e6;
}
