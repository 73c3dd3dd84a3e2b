// govaluate turns a quoted literal that parses as a date into a number: its Unix time in seconds.
// It tries fourteen Go time layouts with time.ParseInLocation(layout, s, time.Local); the Argo
// controller runs with Local = UTC, which is what we assume. Go's parsing rules are reproduced for
// exactly the layout elements those fourteen layouts use (1- or 2-digit hours, optional fractional
// seconds after the seconds field, flexible spaces, day-of-month validation, zone handling).

import { daysFromCivil, daysIn } from '../go/civil-date.js';

type Std =
  | 'weekday'
  | 'month'
  | 'underDay'
  | 'zeroDay'
  | 'zeroMonth'
  | 'year'
  | 'hour'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'pm'
  | 'tzAbbr'
  | 'numTZ'
  | 'numColonTZ'
  | 'isoTZ'
  | 'isoColonTZ'
  | 'frac9';

type Element = string | { std: Std };

const S = (std: Std): Element => ({ std });
const DATE: Element[] = [S('year'), '-', S('zeroMonth'), '-', S('zeroDay')];
const HMS: Element[] = [S('hour'), ':', S('minute'), ':', S('second')];

/** time.ANSIC, UnixDate, RubyDate, Kitchen, RFC3339, RFC3339Nano, then govaluate's own list. */
const LAYOUTS: Element[][] = [
  [S('weekday'), ' ', S('month'), ' ', S('underDay'), ' ', ...HMS, ' ', S('year')],
  [S('weekday'), ' ', S('month'), ' ', S('underDay'), ' ', ...HMS, ' ', S('tzAbbr'), ' ', S('year')],
  [S('weekday'), ' ', S('month'), ' ', S('zeroDay'), ' ', ...HMS, ' ', S('numTZ'), ' ', S('year')],
  [S('hour12'), ':', S('minute'), S('pm')],
  [...DATE, 'T', ...HMS, S('isoColonTZ')],
  [...DATE, 'T', ...HMS, S('frac9'), S('isoColonTZ')],
  [...DATE],
  [...DATE, ' ', S('hour'), ':', S('minute')],
  [...DATE, ' ', ...HMS],
  [...DATE, ' ', ...HMS, S('numColonTZ')],
  [...DATE, 'T', S('hour'), S('isoTZ')],
  [...DATE, 'T', S('hour'), ':', S('minute'), S('isoTZ')],
  [...DATE, 'T', ...HMS, S('isoTZ')],
  [...DATE, 'T', ...HMS, S('frac9'), S('isoTZ')],
];

const SHORT_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SHORT_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Unix seconds for a govaluate date literal, or undefined when no layout accepts the text. */
export function parseGovaluateDate(text: string): number | undefined {
  for (const layout of LAYOUTS) {
    const t = parseWithLayout(layout, text);
    if (t !== undefined) return t;
  }
  return undefined;
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Go's getnum: one or two digits; `fixed` demands two. Returns [value, consumed] or undefined. */
function getnum(s: string, fixed: boolean): [number, number] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : [s.charCodeAt(0) - 48, 1];
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), 2];
}

function lookup(table: string[], s: string): [number, number] | undefined {
  const head = s.slice(0, 3).toLowerCase();
  const i = table.indexOf(head);
  return i < 0 ? undefined : [i, 3];
}

/** Go's skip: layout spaces match one or more spaces (or the end of input). */
function skipLiteral(value: string, literal: string): string | undefined {
  let v = value;
  let p = literal;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') return undefined;
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) return undefined;
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

/** Length of a zone abbreviation Go's parseTimeZone accepts at the start of s (0 when none). */
function zoneAbbrevLength(s: string): number {
  if (s.length < 3) return 0;
  if (s.startsWith('ChST') || s.startsWith('MeST')) return 4;
  if (s.startsWith('GMT')) return 3 + signedOffsetLength(s.slice(3));
  if (s[0] === '+' || s[0] === '-') return signedOffsetLength(s);
  let upper = 0;
  while (upper < 6 && upper < s.length && s[upper]! >= 'A' && s[upper]! <= 'Z') upper++;
  if (upper === 3) return 3;
  if (upper === 4 && (s[3] === 'T' || s.startsWith('WITA'))) return 4;
  if (upper === 5 && s[4] === 'T') return 5;
  return 0;
}

function signedOffsetLength(s: string): number {
  if (s.length === 0) return 0;
  if (s[0] !== '+' && s[0] !== '-') return 0;
  const m = /^\d+/.exec(s.slice(1));
  if (!m || Number(m[0]) > 12) return 0;
  return 1 + m[0].length;
}

function parseWithLayout(layout: Element[], text: string): number | undefined {
  let value = text;
  let year = 0;
  let month = -1;
  let day = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let pm: boolean | undefined;
  let offsetSeconds = 0;

  for (let li = 0; li < layout.length; li++) {
    const el = layout[li]!;
    if (typeof el === 'string') {
      const rest = skipLiteral(value, el);
      if (rest === undefined) return undefined;
      value = rest;
      continue;
    }
    switch (el.std) {
      case 'weekday': {
        const r = lookup(SHORT_DAYS, value);
        if (!r) return undefined;
        value = value.slice(r[1]);
        break;
      }
      case 'month': {
        const r = lookup(SHORT_MONTHS, value);
        if (!r) return undefined;
        month = r[0] + 1;
        value = value.slice(r[1]);
        break;
      }
      case 'year': {
        if (value.length < 4 || !/^\d{4}/.test(value)) return undefined;
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      }
      case 'zeroMonth': {
        const r = getnum(value, true);
        if (!r || r[0] < 1 || r[0] > 12) return undefined;
        month = r[0];
        value = value.slice(r[1]);
        break;
      }
      case 'underDay':
      case 'zeroDay': {
        if (el.std === 'underDay' && value[0] === ' ') value = value.slice(1);
        const r = getnum(value, el.std === 'zeroDay');
        if (!r) return undefined;
        day = r[0];
        value = value.slice(r[1]);
        break;
      }
      case 'hour':
      case 'hour12': {
        const r = getnum(value, false);
        if (!r || r[0] > (el.std === 'hour' ? 23 : 12)) return undefined;
        hour = r[0];
        value = value.slice(r[1]);
        break;
      }
      case 'minute': {
        const r = getnum(value, true);
        if (!r || r[0] > 59) return undefined;
        minute = r[0];
        value = value.slice(r[1]);
        break;
      }
      case 'second': {
        const r = getnum(value, true);
        if (!r || r[0] > 59) return undefined;
        second = r[0];
        value = value.slice(r[1]);
        // Go accepts a fractional second even when the layout has none, unless one follows.
        const next = layout[li + 1];
        const layoutHasFraction = typeof next === 'object' && next.std === 'frac9';
        if (!layoutHasFraction && /^[.,]\d/.test(value)) value = value.replace(/^[.,]\d+/, '');
        break;
      }
      case 'frac9': {
        if (/^[.,]\d/.test(value)) value = value.replace(/^[.,]\d+/, '');
        break;
      }
      case 'pm': {
        const p = value.slice(0, 2);
        if (p === 'PM') pm = true;
        else if (p === 'AM') pm = false;
        else return undefined;
        value = value.slice(2);
        break;
      }
      case 'tzAbbr': {
        // An abbreviation unknown to the (UTC) local zone gets offset 0: the wall clock is kept.
        if (value.startsWith('UTC')) {
          value = value.slice(3);
          break;
        }
        const n = zoneAbbrevLength(value);
        if (n === 0) return undefined;
        value = value.slice(n);
        break;
      }
      case 'isoTZ':
      case 'isoColonTZ':
      case 'numTZ':
      case 'numColonTZ': {
        if ((el.std === 'isoTZ' || el.std === 'isoColonTZ') && value[0] === 'Z') {
          value = value.slice(1);
          break;
        }
        let sign: string;
        let hh: string;
        let mm: string;
        if (el.std === 'isoColonTZ' || el.std === 'numColonTZ') {
          if (value.length < 6 || value[3] !== ':') return undefined;
          sign = value[0]!;
          hh = value.slice(1, 3);
          mm = value.slice(4, 6);
          value = value.slice(6);
        } else {
          if (value.length < 5) return undefined;
          sign = value[0]!;
          hh = value.slice(1, 3);
          mm = value.slice(3, 5);
          value = value.slice(5);
        }
        const h = getnum(hh, true);
        const m = getnum(mm, true);
        if (!h || !m || h[0] > 24 || m[0] > 60) return undefined;
        const off = (h[0] * 60 + m[0]) * 60;
        if (sign === '+') offsetSeconds = off;
        else if (sign === '-') offsetSeconds = -off;
        else return undefined;
        break;
      }
    }
  }
  if (value.length > 0) return undefined;
  if (pm === true && hour < 12) hour += 12;
  else if (pm === false && hour === 12) hour = 0;
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysIn(month, year)) return undefined;
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
}
