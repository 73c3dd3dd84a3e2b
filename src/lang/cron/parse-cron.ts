// robfig/cron v3 parsing as Argo configures it: NewParser(Minute | Hour | Dom | Month | Dow), so
// exactly five fields, an optional CRON_TZ=/TZ= prefix, and no @descriptors unless asked for.
// Field syntax: lists (a,b), ranges (a-b), steps (*/n, a-b/n, and a/n meaning a-max/n), * and ?
// in any field, and three-letter names for months and weekdays. Quirks kept: "*-5" reads as "*",
// empty list items are skipped, and day-of-week 7 is refused.

import { parseGoDurationNanos } from '../duration/index.js';
import { CronError } from './errors.js';
import type { CronSpec, EverySpec } from './cron-spec.js';
import { isValidTimeZone } from '../tz/zoned-time.js';

interface FieldBounds {
  name: string;
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MONTH_NAMES = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const DAY_NAMES = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const MINUTE: FieldBounds = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldBounds = { name: 'hour', min: 0, max: 23 };
const DOM: FieldBounds = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldBounds = { name: 'month', min: 1, max: 12, names: MONTH_NAMES };
const DOW: FieldBounds = { name: 'day-of-week', min: 0, max: 6, names: DAY_NAMES };

const DESCRIPTOR_EQUIVALENTS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class FieldError extends Error {}

interface ParsedField {
  bits: boolean[];
  star: boolean;
}

/** Go's strconv.Atoi, then robfig's "negative number" check. */
function parseNumber(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new FieldError(`failed to parse int from ${JSON.stringify(text)}`);
  }
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new FieldError(`value out of range: ${text}`);
  if (n < 0) throw new FieldError(`negative number (${n}) not allowed: ${text}`);
  return n;
}

function parseValue(text: string, bounds: FieldBounds): number {
  const named = bounds.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  try {
    return parseNumber(text);
  } catch (e) {
    if (bounds.names && /^[a-z]+$/i.test(text)) {
      throw new FieldError(
        `${(e as Error).message} (names are three letters, such as ${bounds === MONTH ? 'JAN' : 'MON'})`,
      );
    }
    throw e;
  }
}

/** One range: number | number-number, with an optional /step. */
function parseRange(expr: string, bounds: FieldBounds, field: ParsedField): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const first = lowAndHigh[0] ?? '';
  let start: number;
  let end: number;
  let star = false;
  if (first === '*' || first === '?') {
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = parseValue(first, bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseValue(lowAndHigh[1] ?? '', bounds);
    else throw new FieldError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1] ?? '');
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = bounds.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new FieldError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min)
    throw new FieldError(`beginning of range (${start}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) {
    const hint = bounds === DOW && end === 7 ? ' (Sunday is 0; 7 is not accepted)' : '';
    throw new FieldError(`end of range (${end}) above maximum (${bounds.max}): ${expr}${hint}`);
  }
  if (start > end)
    throw new FieldError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new FieldError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) field.bits[v] = true;
  if (star) field.star = true;
}

function parseField(text: string, bounds: FieldBounds): ParsedField {
  const field: ParsedField = { bits: new Array<boolean>(bounds.max + 1).fill(false), star: false };
  // Go's strings.FieldsFunc drops empty items, so "1,,2" and even "," are accepted.
  for (const expr of text.split(',')) if (expr !== '') parseRange(expr, bounds, field);
  return field;
}

function only(max: number, value: number): boolean[] {
  const bits = new Array<boolean>(max + 1).fill(false);
  bits[value] = true;
  return bits;
}

function fieldsToSpec(fields: readonly string[], location: string | undefined): CronSpec {
  const bounds = [MINUTE, HOUR, DOM, MONTH, DOW];
  const parsed = fields.map((text, i) => {
    const b = bounds[i]!;
    try {
      return parseField(text, b);
    } catch (e) {
      if (e instanceof FieldError)
        throw new FieldError(`${b.name} field ${JSON.stringify(text)}: ${e.message}`);
      throw e;
    }
  });
  const [minute, hour, dom, month, dow] = parsed as [
    ParsedField,
    ParsedField,
    ParsedField,
    ParsedField,
    ParsedField,
  ];
  return {
    kind: 'spec',
    second: only(59, 0),
    minute: minute.bits,
    hour: hour.bits,
    dom: dom.bits,
    month: month.bits,
    dow: dow.bits,
    domStar: dom.star,
    dowStar: dow.star,
    location,
  };
}

function parseDescriptor(descriptor: string, location: string | undefined): CronSpec | EverySpec {
  const fields = DESCRIPTOR_EQUIVALENTS[descriptor];
  if (fields !== undefined) return fieldsToSpec(fields.split(' '), location);
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    let nanos: bigint;
    try {
      nanos = parseGoDurationNanos(descriptor.slice(every.length));
    } catch (e) {
      throw new FieldError(`failed to parse duration ${descriptor}: ${(e as Error).message}`);
    }
    // robfig's Every: at least a second, and whole seconds only.
    const seconds = nanos < 1_000_000_000n ? 1n : nanos / 1_000_000_000n;
    return { kind: 'every', delayMs: Number(seconds) * 1000 };
  }
  throw new FieldError(`unrecognized descriptor: ${descriptor}`);
}

/** Splits off a CRON_TZ=/TZ= prefix as robfig does; the zone is checked against Intl's database. */
function splitTimeZone(spec: string): { rest: string; location: string | undefined } {
  if (!spec.startsWith('TZ=') && !spec.startsWith('CRON_TZ=')) return { rest: spec, location: undefined };
  const space = spec.indexOf(' ');
  if (space < 0) throw new FieldError('a CRON_TZ= prefix must be followed by a space and the schedule');
  const name = spec.slice(spec.indexOf('=') + 1, space);
  const rest = spec.slice(space).trim();
  // Go's LoadLocation: "" is UTC; "Local" is the process zone, which schedules treat as "no zone".
  if (name === '' || name === 'UTC') return { rest, location: 'UTC' };
  if (name === 'Local') return { rest, location: undefined };
  if (!isValidTimeZone(name)) {
    throw new FieldError(`provided bad location ${name}: use an IANA zone name such as America/New_York`);
  }
  return { rest, location: name };
}

export interface ParseCronOptions {
  /** Accept @yearly, @monthly, @weekly, @daily, @midnight, @hourly and @every <duration>.
   *  Argo's parsers do not (default false). */
  descriptors?: boolean;
}

export function parseCronSpec(expr: string, opts: ParseCronOptions | undefined): CronSpec | EverySpec {
  try {
    if (expr.length === 0) throw new FieldError('empty spec string');
    const { rest, location } = splitTimeZone(expr);
    if (rest.startsWith('@')) {
      if (!opts?.descriptors) {
        const equivalent = DESCRIPTOR_EQUIVALENTS[rest];
        const hint = equivalent
          ? `: write "${equivalent}"`
          : ': write five fields (minute hour day-of-month month day-of-week)';
        throw new FieldError(`parser does not accept descriptors: ${rest}${hint}`);
      }
      return parseDescriptor(rest, location);
    }
    const fields = rest.split(/\s+/).filter((f) => f !== '');
    if (fields.length !== 5) {
      const hint = fields.length === 6 ? ' (there is no seconds field)' : '';
      throw new FieldError(
        `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}${hint}`,
      );
    }
    return fieldsToSpec(fields, location);
  } catch (e) {
    if (e instanceof FieldError)
      throw new CronError(`invalid cron expression ${JSON.stringify(expr)}: ${e.message}`);
    throw e;
  }
}
