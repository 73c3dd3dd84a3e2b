// sprig's date functions. "Now" is the render's `now` option (never the wall clock); "Local"
// is UTC, as in Argo's containers. Values that are not time.Time/int/int64 make date()
// format *now*, exactly as sprig's type switch does.

import { FuncError } from '../../errors.js';
import { DurationError, formatDuration, parseDuration, roundDuration } from '../../time/duration.js';
import { GoTime, loadLocation, LOCAL, UTC, zeroTime } from '../../time/go-time.js';
import { formatTime, parseTime, TimeParseError } from '../../time/layout.js';
import { parseGoInt } from '../../../go/parse-number.js';
import { GoInt, type GoValue } from '../../values.js';
import { fn, type CallContext, type FuncMap } from '../types.js';

const S = (v: GoValue): string => v as string;

function now(ctx: CallContext): GoTime {
  return GoTime.fromEpochMs(ctx.now, LOCAL);
}

/** The time sprig's dateInZone/ago derive from an arbitrary value. */
function asTime(v: GoValue, ctx: CallContext, ints: ReadonlyArray<string>): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && ints.includes(v.type)) return new GoTime(v.v, 0, LOCAL);
  return now(ctx);
}

function dateInZone(layout: string, date: GoValue, zone: string, ctx: CallContext): string {
  const t = asTime(date, ctx, ['int64', 'int', 'int32']);
  const loc = loadLocation(zone) ?? UTC;
  return formatTime(t.in(loc), layout);
}

function durationRound(v: GoValue, ctx: CallContext): string {
  let d = 0;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0;
    }
  } else if (v instanceof GoInt && v.type === 'int64') d = v.v;
  else if (v instanceof GoTime) d = now(ctx).sub(v);
  const u = Math.abs(d);
  const units: Array<[number, string]> = [
    [3600e9 * 24 * 365, 'y'],
    [3600e9 * 24 * 30, 'mo'],
    [3600e9 * 24, 'd'],
    [3600e9, 'h'],
    [60e9, 'm'],
    [1e9, 's'],
  ];
  for (const [size, suffix] of units) if (u > size) return `${Math.floor(u / size)}${suffix}`;
  return '0s';
}

function toDate(layout: string, value: string): GoTime {
  return parseTime(layout, value, LOCAL, LOCAL);
}

export const DATE_FUNCS: FuncMap = {
  now: fn([], (_, ctx) => now(ctx)),
  date: fn(['string', 'any'], ([f, d], ctx) => dateInZone(S(f), d, 'Local', ctx)),
  dateInZone: fn(['string', 'any', 'string'], ([f, d, z], ctx) => dateInZone(S(f), d, S(z), ctx)),
  date_in_zone: fn(['string', 'any', 'string'], ([f, d, z], ctx) => dateInZone(S(f), d, S(z), ctx)),
  htmlDate: fn(['any'], ([d], ctx) => dateInZone('2006-01-02', d, 'Local', ctx)),
  htmlDateInZone: fn(['any', 'string'], ([d, z], ctx) => dateInZone('2006-01-02', d, S(z), ctx)),
  dateModify: fn(['string', 'time'], ([f, d]) => {
    try {
      return (d as GoTime).add(parseDuration(S(f)));
    } catch (e) {
      if (e instanceof DurationError) return d;
      throw e;
    }
  }),
  date_modify: fn(['string', 'time'], ([f, d]) => {
    try {
      return (d as GoTime).add(parseDuration(S(f)));
    } catch (e) {
      if (e instanceof DurationError) return d;
      throw e;
    }
  }),
  mustDateModify: fn(['string', 'time'], ([f, d]) => {
    try {
      return (d as GoTime).add(parseDuration(S(f)));
    } catch (e) {
      if (e instanceof DurationError) throw new FuncError(e.message);
      throw e;
    }
  }),
  must_date_modify: fn(['string', 'time'], ([f, d]) => {
    try {
      return (d as GoTime).add(parseDuration(S(f)));
    } catch (e) {
      if (e instanceof DurationError) throw new FuncError(e.message);
      throw e;
    }
  }),
  ago: fn(['any'], ([d], ctx) => {
    const t = asTime(d, ctx, ['int64', 'int']);
    return formatDuration(roundDuration(now(ctx).sub(t), 1e9));
  }),
  duration: fn(['any'], ([v]) => {
    let n = 0;
    if (typeof v === 'string') {
      const r = parseGoInt(v, 10);
      n = r.ok || r.range ? Number(r.value) : 0;
    } else if (v instanceof GoInt && v.type === 'int64') n = v.v;
    return formatDuration(n * 1e9);
  }),
  durationRound: fn(['any'], ([v], ctx) => durationRound(v, ctx)),
  toDate: fn(['string', 'string'], ([f, s]) => {
    try {
      return toDate(S(f), S(s));
    } catch (e) {
      if (e instanceof TimeParseError) return zeroTime();
      throw e;
    }
  }),
  mustToDate: fn(['string', 'string'], ([f, s]) => {
    try {
      return toDate(S(f), S(s));
    } catch (e) {
      if (e instanceof TimeParseError)
        throw new FuncError(e.message, 'the layout is Go reference time, e.g. 2006-01-02T15:04:05Z07:00');
      throw e;
    }
  }),
  unixEpoch: fn(['time'], ([d]) => String((d as GoTime).sec)),
};
