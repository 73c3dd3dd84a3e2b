// Date/time for gmtime, mktime, strftime, strptime (todate/fromdate build on them). Everything is
// UTC: gojq's localtime uses the controller's zone, which for Argo's images is UTC.
// Directives follow itchyny/timefmt-go, the library gojq formats and parses with.

import {
  civilFromUnixSeconds,
  isLeap,
  MONTH_NAMES,
  utcWallMs,
  WEEKDAY_NAMES,
  type CivilTime,
} from '../go/civil-date.js';

export interface Instant {
  /** Whole seconds since the epoch. */
  sec: number;
  /** Nanoseconds within the second, 0 ≤ nsec < 1e9. */
  nsec: number;
}

export class TimeError extends Error {}

// JS time values stop at ±100,000,000 days around the epoch.
const MAX_SECONDS = 8.64e12;
const short = (names: string[]): string[] => names.map((n) => n.slice(0, 3));
const SHORT_MONTHS = short(MONTH_NAMES);
const SHORT_DAYS = short(WEEKDAY_NAMES);

/** gojq's time.Unix(int64(v), int64((v-floor(v))*1e9)). */
export function instantFromEpoch(v: number): Instant {
  let sec = Math.trunc(v);
  let nsec = Math.trunc((v - Math.floor(v)) * 1e9);
  if (nsec >= 1e9) {
    sec += Math.floor(nsec / 1e9);
    nsec %= 1e9;
  }
  return { sec, nsec };
}

export function epochOf(t: Instant): number {
  return t.sec + t.nsec / 1e9;
}

/** The UTC calendar fields of an instant; like gojq, only instants a JS Date could hold. */
function fieldsOf(t: Instant): CivilTime & { nsec: number } {
  if (!(Math.abs(t.sec) <= MAX_SECONDS)) throw new TimeError('time out of range');
  return { ...civilFromUnixSeconds(Math.floor(t.sec)), nsec: t.nsec };
}

/** Go's time.Date in UTC: out-of-range fields normalise (month 13 is next January). */
function instantFromFields(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  nsec: number,
): Instant {
  const ms = utcWallMs(year, month, day, hour, minute, second);
  if (Number.isNaN(ms)) throw new TimeError('time out of range');
  let sec = ms / 1000;
  let ns = nsec;
  if (ns >= 1e9 || ns < 0) {
    sec += Math.floor(ns / 1e9);
    ns = ((ns % 1e9) + 1e9) % 1e9;
  }
  return { sec, nsec: ns };
}

/** gmtime's broken-down array: [year, month0, day, hours, minutes, seconds(+fraction), weekday, yearday0]. */
export function brokenDown(t: Instant): number[] {
  const f = fieldsOf(t);
  return [f.year, f.month - 1, f.day, f.hour, f.minute, f.second + f.nsec / 1e9, f.weekday, f.yday - 1];
}

/** gojq's arrayToTime: missing trailing fields are zero; weekday and yearday are ignored. */
export function instantFromBrokenDown(a: readonly unknown[]): Instant {
  const v = [0, 0, 0, 0, 0, 0];
  let nsec = 0;
  for (let i = 0; i < Math.min(a.length, 8); i++) {
    const x = a[i];
    if (typeof x !== 'number') throw new TimeError('expected an array of 8 numbers');
    if (i === 5) {
      v[5] = Math.trunc(x);
      nsec = Math.trunc((x - Math.floor(x)) * 1e9);
    } else if (i < 5) v[i] = Math.trunc(x);
  }
  return instantFromFields(v[0]!, v[1]! + 1, v[2]!, v[3]!, v[4]!, v[5]!, nsec);
}

function isoWeek(f: CivilTime): [number, number] {
  // ISO 8601: the week with the year's first Thursday is week 1.
  const wd = (f.weekday + 6) % 7; // Monday = 0
  const thursdayYday = f.yday - wd + 3;
  let year = f.year;
  let yday = thursdayYday;
  const daysIn = (y: number): number => (isLeap(y) ? 366 : 365);
  if (yday < 1) {
    year -= 1;
    yday += daysIn(year);
  } else if (yday > daysIn(year)) {
    yday -= daysIn(year);
    year += 1;
  }
  return [year, Math.floor((yday - 1) / 7) + 1];
}

function pad(n: number, width: number, padChar: string | null): string {
  const s = String(Math.abs(n));
  const body = padChar === null ? s : s.padStart(width - (n < 0 ? 1 : 0), padChar);
  return (n < 0 ? '-' : '') + body;
}

const COMPOSITES: Record<string, string> = {
  c: '%a %b %e %H:%M:%S %Y',
  '+': '%a %b %e %H:%M:%S %Z %Y',
  v: '%e-%b-%Y',
  r: '%I:%M:%S %p',
  F: '%Y-%m-%d',
  D: '%m/%d/%y',
  x: '%m/%d/%y',
  T: '%H:%M:%S',
  X: '%H:%M:%S',
  R: '%H:%M',
};

/** strftime in UTC with timefmt-go's directives and the `-`, `_`, `0`, `^` flags and widths. */
export function formatTime(t: Instant, format: string): string {
  const f = fieldsOf(t);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    let padChar: string | null | undefined; // undefined: the directive's default
    let upper = false;
    let width = 0;
    let j = i + 1;
    for (; j < format.length; j++) {
      const fl = format[j]!;
      if (fl === '-') padChar = null;
      else if (fl === '_') padChar = ' ';
      else if (fl === '0') padChar = '0';
      else if (fl === '^') upper = true;
      else if (fl === '#') continue;
      else break;
    }
    while (j < format.length && format[j]! >= '0' && format[j]! <= '9')
      width = width * 10 + Number(format[j++]);
    if (j >= format.length) {
      out += format.slice(i);
      break;
    }
    const d = format[j]!;
    i = j;
    const num = (n: number, w: number, defPad = '0'): string =>
      pad(n, Math.max(width, w), padChar === undefined ? defPad : padChar);
    const str = (s: string): string => {
      const v = upper ? s.toUpperCase() : s;
      return width > v.length && padChar !== null ? v.padStart(width, padChar === '0' ? '0' : ' ') : v;
    };
    switch (d) {
      case 'Y':
        out += num(f.year, width || 4);
        break;
      case 'y':
        out += num(Math.abs(f.year % 100), 2);
        break;
      case 'C':
        out += num(Math.trunc(f.year / 100), 2);
        break;
      case 'G':
        out += num(isoWeek(f)[0], width || 4);
        break;
      case 'g':
        out += num(Math.abs(isoWeek(f)[0] % 100), 2);
        break;
      case 'm':
        out += num(f.month, 2);
        break;
      case 'B':
        out += str(MONTH_NAMES[f.month - 1]!);
        break;
      case 'b':
      case 'h':
        out += str(SHORT_MONTHS[f.month - 1]!);
        break;
      case 'A':
        out += str(WEEKDAY_NAMES[f.weekday]!);
        break;
      case 'a':
        out += str(SHORT_DAYS[f.weekday]!);
        break;
      case 'w':
        out += num(f.weekday, 1);
        break;
      case 'u':
        out += num(f.weekday === 0 ? 7 : f.weekday, 1);
        break;
      case 'V':
        out += num(isoWeek(f)[1], 2);
        break;
      case 'U':
        out += num(Math.floor((f.yday + 6 - f.weekday) / 7), 2);
        break;
      case 'W':
        out += num(Math.floor((f.yday + (f.weekday > 0 ? 7 - f.weekday : 0)) / 7), 2);
        break;
      case 'e':
        out += num(f.day, 2, ' ');
        break;
      case 'd':
        out += num(f.day, 2);
        break;
      case 'j':
        out += num(f.yday, 3);
        break;
      case 'k':
        out += num(f.hour, 2, ' ');
        break;
      case 'H':
        out += num(f.hour, 2);
        break;
      case 'l':
        out += num(f.hour % 12 || 12, 2, ' ');
        break;
      case 'I':
        out += num(f.hour % 12 || 12, 2);
        break;
      case 'p':
        out += str(f.hour < 12 ? 'AM' : 'PM');
        break;
      case 'P':
        out += f.hour < 12 ? 'am' : 'pm';
        break;
      case 'M':
        out += num(f.minute, 2);
        break;
      case 'S':
        out += num(f.second, 2);
        break;
      case 's':
        out += String(t.sec);
        break;
      case 'f':
        out += num(Math.floor(f.nsec / 1000), width || 6);
        break;
      case 'Z':
        out += str('UTC');
        break;
      case 'z':
        out += '+0000';
        break;
      case ':':
        if (format.startsWith('z', j + 1)) {
          out += '+00:00';
          i = j + 1;
        } else if (format.startsWith(':z', j + 1)) {
          out += '+00:00:00';
          i = j + 2;
        } else out += '%:';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case '%':
        out += '%';
        break;
      default: {
        const composite = COMPOSITES[d];
        out += composite !== undefined ? formatTime(t, composite) : '%' + d;
      }
    }
  }
  return out;
}

/** strptime: parses `source` with `format` and returns the instant (UTC, zone offsets applied). */
export function parseTime(source: string, format: string): Instant {
  let year = 1900;
  let month = 1;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nsec = 0;
  let yday = 0;
  let offset = 0;
  let pm = false;
  let century = -1;
  let unix: number | null = null;
  let j = 0;
  const fail = (msg: string): never => {
    throw new TimeError(`failed to parse ${JSON.stringify(source)} with ${JSON.stringify(format)}: ${msg}`);
  };
  const int = (size: number, min: number, max: number, d: string): number => {
    let v = 0;
    const start = j;
    while (j < source.length && j - start < size && source[j]! >= '0' && source[j]! <= '9')
      v = v * 10 + Number(source[j++]);
    if (j === start || v < min || v > max) fail(`cannot parse "%${d}"`);
    return v;
  };
  const anyOf = (names: string[], d: string): number => {
    for (let k = 0; k < names.length; k++) {
      const n = names[k]!;
      if (source.slice(j, j + n.length).toLowerCase() === n.toLowerCase()) {
        j += n.length;
        return k;
      }
    }
    return fail(`cannot parse "%${d}"`);
  };
  const literal = (ch: string): void => {
    if (source[j] !== ch) fail(`expected '${ch}'`);
    j++;
  };
  const expand = (fmt: string): string => fmt.replace(/%([cvrFDxTXR+])/g, (_m, d: string) => COMPOSITES[d]!);
  const fmt = expand(format);
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      literal(c);
      continue;
    }
    const d = fmt[++i];
    if (d === undefined) fail('stray "%"');
    switch (d) {
      case 'Y': {
        const sign = source[j] === '-' ? (j++, -1) : 1;
        year = sign * int(4, 0, 9999, 'Y');
        break;
      }
      case 'y': {
        const y = int(2, 0, 99, 'y');
        year = y < 69 ? y + 2000 : y + 1900;
        break;
      }
      case 'C':
        century = int(2, 0, 99, 'C');
        break;
      case 'm':
        month = int(2, 1, 12, 'm');
        break;
      case 'B':
        month = anyOf(MONTH_NAMES, 'B') + 1;
        break;
      case 'b':
      case 'h':
        month = anyOf(SHORT_MONTHS, d) + 1;
        break;
      case 'A':
        anyOf(WEEKDAY_NAMES, 'A');
        break;
      case 'a':
        anyOf(SHORT_DAYS, 'a');
        break;
      case 'w':
        int(1, 0, 6, 'w');
        break;
      case 'u':
        int(1, 1, 7, 'u');
        break;
      case 'e':
        if (source[j] === ' ') j++;
        day = int(2, 1, 31, d);
        break;
      case 'd':
        day = int(2, 1, 31, d);
        break;
      case 'j':
        yday = int(3, 1, 366, 'j');
        break;
      case 'k':
        if (source[j] === ' ') j++;
        hour = int(2, 0, 23, d);
        break;
      case 'H':
        hour = int(2, 0, 23, d);
        break;
      case 'l':
        if (source[j] === ' ') j++;
        hour = int(2, 1, 12, d) % 12;
        break;
      case 'I':
        hour = int(2, 1, 12, d) % 12;
        break;
      case 'p':
      case 'P':
        pm = anyOf(['AM', 'PM'], d) === 1;
        break;
      case 'M':
        minute = int(2, 0, 59, 'M');
        break;
      case 'S':
        second = int(2, 0, 60, 'S');
        break;
      case 's': {
        const sign = source[j] === '-' ? (j++, -1) : 1;
        unix = sign * int(19, 0, Number.MAX_SAFE_INTEGER, 's');
        break;
      }
      case 'f': {
        const start = j;
        let us = int(6, 0, 999999, 'f');
        for (let k = j - start; k < 6; k++) us *= 10;
        nsec = us * 1000;
        break;
      }
      case 'z': {
        const s = source[j];
        if (s === 'Z') {
          j++;
          offset = 0;
          break;
        }
        if (s !== '+' && s !== '-') fail('cannot parse "%z"');
        j++;
        const start = j;
        const h = int(2, 0, 23, 'z');
        if (j !== start + 2) fail('cannot parse "%z"');
        if (source[j] === ':') j++;
        const mStart = j;
        let m = 0;
        if (/^\d\d/.test(source.slice(j))) m = int(2, 0, 59, 'z');
        else j = mStart;
        offset = (s === '-' ? -1 : 1) * (h * 60 + m) * 60;
        break;
      }
      case 'Z': {
        const start = j;
        while (j < source.length && source[j]! >= 'A' && source[j]! <= 'Z') j++;
        const name = source.slice(start, j);
        if (name !== 'UTC' && name !== 'GMT' && name !== 'Z')
          fail(`cannot parse ${JSON.stringify(name)} with "%Z"`);
        break;
      }
      case 't':
      case 'n': {
        const start = j;
        while (j < source.length && ' \t\n\v\f\r'.includes(source[j]!)) j++;
        if (j === start) fail(`expected a space for "%${d}"`);
        break;
      }
      case '%':
        literal('%');
        break;
      default:
        fail(`unexpected format "%${d}"`);
    }
  }
  if (j < source.length) fail(`unparsed string ${JSON.stringify(source.slice(j))}`);
  if (unix !== null) {
    const t = fieldsOf({ sec: unix, nsec: 0 });
    ({ year, month, day, hour, minute, second } = t);
  }
  if (pm) hour += 12;
  if (century >= 0) year = century * 100 + (year % 100);
  let t: Instant;
  if (day === 0 && yday > 0) t = instantFromFields(year, 1, yday, hour, minute, second, nsec);
  else t = instantFromFields(year, month, day === 0 ? 1 : day, hour, minute, second, nsec);
  return { sec: t.sec - offset, nsec: t.nsec };
}
