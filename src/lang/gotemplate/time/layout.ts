// Go's reference-time layouts ("2006-01-02T15:04:05Z07:00"): Time.Format and time.Parse,
// following time/format.go's chunking (nextStdChunk) and parse rules.

import { quoteTimeText } from '../../go/quote.js';
import { daysIn, isLeap, MONTH_NAMES, WEEKDAY_NAMES } from '../../go/civil-date.js';
import { fixedZone, GoTime, UTC, type GoLocation } from './go-time.js';

const enum Std {
  None = 0,
  LongMonth = 1,
  Month,
  NumMonth,
  ZeroMonth,
  LongWeekDay,
  WeekDay,
  Day,
  UnderDay,
  ZeroDay,
  UnderYearDay,
  ZeroYearDay,
  Hour,
  Hour12,
  ZeroHour12,
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,
  LongYear,
  Year,
  PM,
  pm,
  TZ,
  ISO8601TZ,
  ISO8601SecondsTZ,
  ISO8601ShortTZ,
  ISO8601ColonTZ,
  ISO8601ColonSecondsTZ,
  NumTZ,
  NumSecondsTz,
  NumShortTZ,
  NumColonTZ,
  NumColonSecondsTZ,
  FracSecond0,
  FracSecond9,
}

interface Chunk {
  prefix: string;
  std: Std;
  /** fractional-second digits and separator */
  fracDigits?: number;
  fracSep?: string;
  suffix: string;
}

const ZERO_X: Std[] = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];

function startsWithLower(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 97 && c <= 122;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function nextStdChunk(layout: string): Chunk {
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const rest = layout.slice(i);
    const mk = (std: Std, len: number, prefixEnd = i): Chunk => ({
      prefix: layout.slice(0, prefixEnd),
      std,
      suffix: layout.slice(i + len),
    });
    switch (c) {
      case 'J':
        if (rest.startsWith('Jan')) {
          if (rest.startsWith('January')) return mk(Std.LongMonth, 7);
          if (!startsWithLower(layout.slice(i + 3))) return mk(Std.Month, 3);
        }
        break;
      case 'M':
        if (rest.startsWith('Mon')) {
          if (rest.startsWith('Monday')) return mk(Std.LongWeekDay, 6);
          if (!startsWithLower(layout.slice(i + 3))) return mk(Std.WeekDay, 3);
        }
        if (rest.startsWith('MST')) return mk(Std.TZ, 3);
        break;
      case '0':
        if (rest.length >= 2 && rest[1]! >= '1' && rest[1]! <= '6')
          return mk(ZERO_X[rest.charCodeAt(1) - 49]!, 2);
        if (rest.startsWith('002')) return mk(Std.ZeroYearDay, 3);
        break;
      case '1':
        if (rest[1] === '5') return mk(Std.Hour, 2);
        return mk(Std.NumMonth, 1);
      case '2':
        if (rest.startsWith('2006')) return mk(Std.LongYear, 4);
        return mk(Std.Day, 1);
      case '_':
        if (rest[1] === '2') {
          if (rest.startsWith('_2006'))
            return { prefix: layout.slice(0, i + 1), std: Std.LongYear, suffix: layout.slice(i + 5) };
          return mk(Std.UnderDay, 2);
        }
        if (rest.startsWith('__2')) return mk(Std.UnderYearDay, 3);
        break;
      case '3':
        return mk(Std.Hour12, 1);
      case '4':
        return mk(Std.Minute, 1);
      case '5':
        return mk(Std.Second, 1);
      case 'P':
        if (rest[1] === 'M') return mk(Std.PM, 2);
        break;
      case 'p':
        if (rest[1] === 'm') return mk(Std.pm, 2);
        break;
      case '-':
        if (rest.startsWith('-070000')) return mk(Std.NumSecondsTz, 7);
        if (rest.startsWith('-07:00:00')) return mk(Std.NumColonSecondsTZ, 9);
        if (rest.startsWith('-0700')) return mk(Std.NumTZ, 5);
        if (rest.startsWith('-07:00')) return mk(Std.NumColonTZ, 6);
        if (rest.startsWith('-07')) return mk(Std.NumShortTZ, 3);
        break;
      case 'Z':
        if (rest.startsWith('Z070000')) return mk(Std.ISO8601SecondsTZ, 7);
        if (rest.startsWith('Z07:00:00')) return mk(Std.ISO8601ColonSecondsTZ, 9);
        if (rest.startsWith('Z0700')) return mk(Std.ISO8601TZ, 5);
        if (rest.startsWith('Z07:00')) return mk(Std.ISO8601ColonTZ, 6);
        if (rest.startsWith('Z07')) return mk(Std.ISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':
        if (rest[1] === '0' || rest[1] === '9') {
          const ch = rest[1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            return {
              prefix: layout.slice(0, i),
              std: ch === '0' ? Std.FracSecond0 : Std.FracSecond9,
              fracDigits: j - (i + 1),
              fracSep: c,
              suffix: layout.slice(j),
            };
          }
        }
        break;
    }
  }
  return { prefix: layout, std: Std.None, suffix: '' };
}

export function monthName(m: number): string {
  return MONTH_NAMES[m - 1] ?? `%!Month(${m})`;
}

export function weekdayName(d: number): string {
  return WEEKDAY_NAMES[d] ?? `%!Weekday(${d})`;
}

function pad(x: number, width: number): string {
  const neg = x < 0;
  const s = String(Math.abs(x)).padStart(width, '0');
  return neg ? '-' + s : s;
}

function isISOTZ(std: Std): boolean {
  return (
    std === Std.ISO8601TZ ||
    std === Std.ISO8601ColonTZ ||
    std === Std.ISO8601SecondsTZ ||
    std === Std.ISO8601ShortTZ ||
    std === Std.ISO8601ColonSecondsTZ
  );
}

/** Time.Format(layout). */
export function formatTime(t: GoTime, layout0: string): string {
  const { offset, abbrev } = t.zone();
  const c = t.civil();
  let out = '';
  let layout = layout0;
  for (let guard = 0; layout !== '' && guard < 10_000; guard++) {
    const ch = nextStdChunk(layout);
    out += ch.prefix;
    if (ch.std === Std.None) break;
    layout = ch.suffix;
    switch (ch.std) {
      case Std.Year:
        out += pad(Math.abs(c.year) % 100, 2);
        break;
      case Std.LongYear:
        out += pad(c.year, 4);
        break;
      case Std.Month:
        out += monthName(c.month).slice(0, 3);
        break;
      case Std.LongMonth:
        out += monthName(c.month);
        break;
      case Std.NumMonth:
        out += String(c.month);
        break;
      case Std.ZeroMonth:
        out += pad(c.month, 2);
        break;
      case Std.WeekDay:
        out += weekdayName(c.weekday).slice(0, 3);
        break;
      case Std.LongWeekDay:
        out += weekdayName(c.weekday);
        break;
      case Std.Day:
        out += String(c.day);
        break;
      case Std.UnderDay:
        out += (c.day < 10 ? ' ' : '') + String(c.day);
        break;
      case Std.ZeroDay:
        out += pad(c.day, 2);
        break;
      case Std.UnderYearDay:
        out += (c.yday < 100 ? (c.yday < 10 ? '  ' : ' ') : '') + String(c.yday);
        break;
      case Std.ZeroYearDay:
        out += pad(c.yday, 3);
        break;
      case Std.Hour:
        out += pad(c.hour, 2);
        break;
      case Std.Hour12:
        out += String(c.hour % 12 === 0 ? 12 : c.hour % 12);
        break;
      case Std.ZeroHour12:
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case Std.Minute:
        out += String(c.minute);
        break;
      case Std.ZeroMinute:
        out += pad(c.minute, 2);
        break;
      case Std.Second:
        out += String(c.second);
        break;
      case Std.ZeroSecond:
        out += pad(c.second, 2);
        break;
      case Std.PM:
        out += c.hour >= 12 ? 'PM' : 'AM';
        break;
      case Std.pm:
        out += c.hour >= 12 ? 'pm' : 'am';
        break;
      case Std.ISO8601TZ:
      case Std.ISO8601ColonTZ:
      case Std.ISO8601SecondsTZ:
      case Std.ISO8601ShortTZ:
      case Std.ISO8601ColonSecondsTZ:
      case Std.NumTZ:
      case Std.NumColonTZ:
      case Std.NumSecondsTz:
      case Std.NumShortTZ:
      case Std.NumColonSecondsTZ: {
        if (offset === 0 && isISOTZ(ch.std)) {
          out += 'Z';
          break;
        }
        let zone = Math.trunc(offset / 60);
        let absoffset = offset;
        if (zone < 0) {
          out += '-';
          zone = -zone;
          absoffset = -absoffset;
        } else out += '+';
        out += pad(Math.floor(zone / 60), 2);
        const colon =
          ch.std === Std.ISO8601ColonTZ ||
          ch.std === Std.NumColonTZ ||
          ch.std === Std.ISO8601ColonSecondsTZ ||
          ch.std === Std.NumColonSecondsTZ;
        if (colon) out += ':';
        if (ch.std !== Std.NumShortTZ && ch.std !== Std.ISO8601ShortTZ) out += pad(zone % 60, 2);
        if (
          ch.std === Std.ISO8601SecondsTZ ||
          ch.std === Std.NumSecondsTz ||
          ch.std === Std.NumColonSecondsTZ ||
          ch.std === Std.ISO8601ColonSecondsTZ
        ) {
          if (ch.std === Std.NumColonSecondsTZ || ch.std === Std.ISO8601ColonSecondsTZ) out += ':';
          out += pad(absoffset % 60, 2);
        }
        break;
      }
      case Std.TZ: {
        if (abbrev !== '') {
          out += abbrev;
          break;
        }
        let zone = Math.trunc(offset / 60);
        if (zone < 0) {
          out += '-';
          zone = -zone;
        } else out += '+';
        out += pad(Math.floor(zone / 60), 2) + pad(zone % 60, 2);
        break;
      }
      case Std.FracSecond0:
      case Std.FracSecond9: {
        const n = ch.fracDigits!;
        const trim = ch.std === Std.FracSecond9;
        if (trim && (n === 0 || t.nsec === 0)) break;
        let digits = pad(t.nsec, 9);
        if (n < 9) digits = digits.slice(0, n);
        let frac = ch.fracSep! + digits;
        if (trim) {
          frac = frac.replace(/0+$/, '');
          if (frac === ch.fracSep) frac = '';
        }
        out += frac;
        break;
      }
    }
  }
  return out;
}

/** Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST". */
export function timeString(t: GoTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

export class TimeParseError extends Error {}

function parseError(
  layout: string,
  value: string,
  layoutElem: string,
  valueElem: string,
  message: string,
): TimeParseError {
  if (message === '') {
    return new TimeParseError(
      `parsing time ${quoteTimeText(value)} as ${quoteTimeText(layout)}: cannot parse ${quoteTimeText(valueElem)} as ${quoteTimeText(layoutElem)}`,
    );
  }
  return new TimeParseError(`parsing time ${quoteTimeText(value)}${message}`);
}

class Bad extends Error {}

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + (s.charCodeAt(i) - 48);
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

function atoi(s: string): number {
  let t = s;
  let neg = false;
  if (t !== '' && (t[0] === '-' || t[0] === '+')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  if (t === '' || !/^[0-9]+$/.test(t)) throw new Bad();
  const v = Number(t);
  return neg ? -v : v;
}

function lookupName(tab: string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const v = tab[i]!;
    if (val.length >= v.length && val.slice(0, v.length).toLowerCase() === v.toLowerCase()) {
      return [i, val.slice(v.length)];
    }
  }
  throw new Bad();
}

function skip(value0: string, prefix0: string): string {
  let value = value0;
  let prefix = prefix0;
  while (prefix.length > 0) {
    if (prefix[0] === ' ') {
      if (value.length > 0 && value[0] !== ' ') throw new Bad();
      prefix = prefix.replace(/^ +/, '');
      value = value.replace(/^ +/, '');
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) throw new Bad();
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== '-' && sign !== '+') return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (!m) return 0;
  if (Number(m[0]) > 23) return 0;
  return 1 + m[0].length;
}

function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT')) return 3 + (value.length > 3 ? parseSignedOffset(value.slice(3)) : 0);
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  let nUpper = 0;
  for (; nUpper < 6 && nUpper < value.length; nUpper++) {
    const c = value.charCodeAt(nUpper);
    if (c < 65 || c > 90) break;
  }
  switch (nUpper) {
    case 5:
      return value[4] === 'T' ? 5 : 0;
    case 4:
      return value[3] === 'T' || value.startsWith('WITA') ? 4 : 0;
    case 3:
      return 3;
    default:
      return 0;
  }
}

function parseNanoseconds(value: string, nbytes: number): [number, string] {
  if (value[0] !== '.' && value[0] !== ',') throw new Bad();
  let v = value;
  let n = nbytes;
  if (n > 10) {
    v = v.slice(0, 10);
    n = 10;
  }
  const ns = atoi(v.slice(1, n));
  if (ns < 0) return [0, 'fractional second'];
  return [ns * 10 ** (10 - n), ''];
}

/**
 * time.ParseInLocation(layout, value, loc) with `local` as the zone Go compares parsed offsets
 * against (sprig's toDate passes time.Local).
 */
export function parseTime(
  layout0: string,
  value0: string,
  defaultLoc: GoLocation,
  local: GoLocation,
): GoTime {
  let layout = layout0;
  let value = value0;
  let amSet = false;
  let pmSet = false;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: GoLocation | undefined;
  let zoneOffset = -1;
  let zoneName = '';

  for (let guard = 0; guard < 10_000; guard++) {
    const ch = nextStdChunk(layout);
    const stdstr = layout.slice(ch.prefix.length, layout.length - ch.suffix.length);
    try {
      value = skip(value, ch.prefix);
    } catch {
      throw parseError(layout0, value0, ch.prefix, value, '');
    }
    if (ch.std === Std.None) {
      if (value.length !== 0)
        throw parseError(layout0, value0, '', value, `: extra text: ${quoteTimeText(value)}`);
      break;
    }
    layout = ch.suffix;
    const hold = value;
    let rangeErr = '';
    try {
      switch (ch.std) {
        case Std.Year: {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          year = atoi(p);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case Std.LongYear:
          if (value.length < 4 || !isDigitAt(value, 0)) throw new Bad();
          year = atoi(value.slice(0, 4));
          value = value.slice(4);
          break;
        case Std.Month:
          [month, value] = lookupName(
            MONTH_NAMES.map((m) => m.slice(0, 3)),
            value,
          );
          month++;
          break;
        case Std.LongMonth:
          [month, value] = lookupName(MONTH_NAMES, value);
          month++;
          break;
        case Std.NumMonth:
        case Std.ZeroMonth:
          [month, value] = getnum(value, ch.std === Std.ZeroMonth);
          if (month <= 0 || month > 12) rangeErr = 'month';
          break;
        case Std.WeekDay:
          [, value] = lookupName(
            WEEKDAY_NAMES.map((d) => d.slice(0, 3)),
            value,
          );
          break;
        case Std.LongWeekDay:
          [, value] = lookupName(WEEKDAY_NAMES, value);
          break;
        case Std.Day:
        case Std.UnderDay:
        case Std.ZeroDay:
          if (ch.std === Std.UnderDay && value[0] === ' ') value = value.slice(1);
          [day, value] = getnum(value, ch.std === Std.ZeroDay);
          break;
        case Std.UnderYearDay:
        case Std.ZeroYearDay:
          for (let i = 0; i < 2; i++)
            if (ch.std === Std.UnderYearDay && value[0] === ' ') value = value.slice(1);
          [yday, value] = getnum3(value, ch.std === Std.ZeroYearDay);
          break;
        case Std.Hour:
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = 'hour';
          break;
        case Std.Hour12:
        case Std.ZeroHour12:
          [hour, value] = getnum(value, ch.std === Std.ZeroHour12);
          if (hour < 0 || hour > 12) rangeErr = 'hour';
          break;
        case Std.Minute:
        case Std.ZeroMinute:
          [min, value] = getnum(value, ch.std === Std.ZeroMinute);
          if (min < 0 || min >= 60) rangeErr = 'minute';
          break;
        case Std.Second:
        case Std.ZeroSecond: {
          [sec, value] = getnum(value, ch.std === Std.ZeroSecond);
          if (sec < 0 || sec >= 60) {
            rangeErr = 'second';
            break;
          }
          // A fractional second right after seconds is accepted even if the layout has none.
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
            const nextStd = nextStdChunk(layout).std;
            if (nextStd === Std.FracSecond0 || nextStd === Std.FracSecond9) break;
            let n = 2;
            while (n < value.length && isDigitAt(value, n)) n++;
            [nsec, rangeErr] = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case Std.PM:
        case Std.pm: {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          const [am, pm] = ch.std === Std.PM ? ['AM', 'PM'] : ['am', 'pm'];
          if (p === pm) pmSet = true;
          else if (p === am) amSet = true;
          else throw new Bad();
          break;
        }
        case Std.ISO8601TZ:
        case Std.ISO8601ShortTZ:
        case Std.ISO8601ColonTZ:
        case Std.ISO8601SecondsTZ:
        case Std.ISO8601ColonSecondsTZ:
        case Std.NumTZ:
        case Std.NumShortTZ:
        case Std.NumColonTZ:
        case Std.NumSecondsTz:
        case Std.NumColonSecondsTZ: {
          if (isISOTZ(ch.std) && value[0] === 'Z') {
            value = value.slice(1);
            z = UTC;
            break;
          }
          let sign: string, hh: string, mm: string, ss: string;
          if (ch.std === Std.ISO8601ColonTZ || ch.std === Std.NumColonTZ) {
            if (value.length < 6 || value[3] !== ':') throw new Bad();
            [sign, hh, mm, ss] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), '00'];
            value = value.slice(6);
          } else if (ch.std === Std.NumShortTZ || ch.std === Std.ISO8601ShortTZ) {
            if (value.length < 3) throw new Bad();
            [sign, hh, mm, ss] = [value.slice(0, 1), value.slice(1, 3), '00', '00'];
            value = value.slice(3);
          } else if (ch.std === Std.ISO8601ColonSecondsTZ || ch.std === Std.NumColonSecondsTZ) {
            if (value.length < 9 || value[3] !== ':' || value[6] !== ':') throw new Bad();
            [sign, hh, mm, ss] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), value.slice(7, 9)];
            value = value.slice(9);
          } else if (ch.std === Std.ISO8601SecondsTZ || ch.std === Std.NumSecondsTz) {
            if (value.length < 7) throw new Bad();
            [sign, hh, mm, ss] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), value.slice(5, 7)];
            value = value.slice(7);
          } else {
            if (value.length < 5) throw new Bad();
            [sign, hh, mm, ss] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), '00'];
            value = value.slice(5);
          }
          const hr = getnum(hh, true)[0];
          const mi = getnum(mm, true)[0];
          const se = getnum(ss, true)[0];
          if (hr > 24) rangeErr = 'time zone offset hour';
          if (mi > 60) rangeErr = 'time zone offset minute';
          if (se > 60) rangeErr = 'time zone offset second';
          zoneOffset = (hr * 60 + mi) * 60 + se;
          if (sign === '-') zoneOffset = -zoneOffset;
          else if (sign !== '+') throw new Bad();
          break;
        }
        case Std.TZ: {
          if (value.startsWith('UTC')) {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw new Bad();
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case Std.FracSecond0: {
          const ndigit = 1 + ch.fracDigits!;
          if (value.length < ndigit) throw new Bad();
          [nsec, rangeErr] = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case Std.FracSecond9: {
          if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
          [nsec, rangeErr] = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      throw parseError(layout0, value0, stdstr, hold, '');
    }
    if (rangeErr !== '') throw parseError(layout0, value0, stdstr, value, `: ${rangeErr} out of range`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) throw parseError(layout0, value0, '', value, ': day-of-year out of range');
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      const before = (mm: number): number => {
        let s = 0;
        for (let i = 1; i < mm; i++) s += daysIn(i, 2001);
        return s;
      };
      if (before(m + 1) < yday) m++;
      d = yday - before(m);
    }
    if (month >= 0 && month !== m)
      throw parseError(layout0, value0, '', value, ': day-of-year does not match month');
    month = m;
    if (day >= 0 && day !== d)
      throw parseError(layout0, value0, '', value, ': day-of-year does not match day');
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year))
    throw parseError(layout0, value0, '', value, ': day out of range');

  if (z) return GoTime.date(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = GoTime.date(year, month, day, hour, min, sec, nsec, UTC).add(-zoneOffset * 1e9);
    const lz = local.zoneAt(t.sec);
    if (lz.offset === zoneOffset && (zoneName === '' || lz.abbrev === zoneName)) return t.in(local);
    return t.in(fixedZone(zoneName, zoneOffset));
  }
  if (zoneName !== '') {
    const t = GoTime.date(year, month, day, hour, min, sec, nsec, UTC);
    const lz = local.zoneAt(t.sec);
    if (lz.abbrev === zoneName) return t.add(-lz.offset * 1e9).in(local);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith('GMT')) offset = Number(zoneName.slice(3)) * 3600;
    // Go keeps the wall clock as UTC here and only attaches the (guessed) zone.
    return t.in(fixedZone(zoneName, offset));
  }
  return GoTime.date(year, month, day, hour, min, sec, nsec, defaultLoc);
}
