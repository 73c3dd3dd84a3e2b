// Methods Go templates can call on values sprig returns: `{{ now.Unix }}`,
// `{{ (toDate "2006-01-02" .Input.d).Format "Jan 2" }}`, `{{ (now.Sub $t).Hours }}`.
// The receiver arrives as the first argument.

import { formatDuration, roundDuration } from '../time/duration.js';
import { GoTime, LOCAL, UTC } from '../time/go-time.js';
import { formatTime, monthName, timeString, weekdayName } from '../time/layout.js';
import { GoInt, type GoValue } from '../values.js';
import { fn, type FuncDef } from './types.js';

const t = (v: GoValue): GoTime => v as GoTime;
const n = (v: GoValue): number => (v as GoInt).v;
const int = (v: number): GoInt => new GoInt(v, 'int');
const int64 = (v: number): GoInt => new GoInt(v, 'int64');
const dur = (v: number): GoInt => new GoInt(v, 'time.Duration');

function truncateTime(x: GoTime, d: number, round: boolean): GoTime {
  if (d <= 0) return x;
  // Go computes relative to the zero time; for whole-second multiples this is Unix-aligned.
  const total = (x.sec - -62135596800) * 1e9 + x.nsec;
  let r = total % d;
  if (round && r + r >= d) r -= d;
  return x.add(-r);
}

const TIME_METHODS: Record<string, FuncDef> = {
  Add: fn(['duration'], ([x, d]) => t(x).add(n(d))),
  AddDate: fn(['int', 'int', 'int'], ([x, y, m, d]) => {
    const c = t(x).civil();
    return GoTime.date(
      c.year + n(y),
      c.month + n(m),
      c.day + n(d),
      c.hour,
      c.minute,
      c.second,
      t(x).nsec,
      t(x).loc,
    );
  }),
  After: fn(['time'], ([x, u]) => t(x).sub(t(u)) > 0),
  Before: fn(['time'], ([x, u]) => t(x).sub(t(u)) < 0),
  Equal: fn(['time'], ([x, u]) => t(x).sub(t(u)) === 0),
  Compare: fn(['time'], ([x, u]) => int(Math.sign(t(x).sub(t(u))))),
  Day: fn([], ([x]) => int(t(x).civil().day)),
  Format: fn(['string'], ([x, layout]) => formatTime(t(x), layout as string)),
  Hour: fn([], ([x]) => int(t(x).civil().hour)),
  IsZero: fn([], ([x]) => t(x).isZero()),
  Local: fn([], ([x]) => t(x).in(LOCAL)),
  Minute: fn([], ([x]) => int(t(x).civil().minute)),
  Month: fn([], ([x]) => new GoInt(t(x).civil().month, 'time.Month')),
  Nanosecond: fn([], ([x]) => int(t(x).nsec)),
  Round: fn(['duration'], ([x, d]) => truncateTime(t(x), n(d), true)),
  Second: fn([], ([x]) => int(t(x).civil().second)),
  String: fn([], ([x]) => timeString(t(x))),
  Sub: fn(['time'], ([x, u]) => dur(t(x).sub(t(u)))),
  Truncate: fn(['duration'], ([x, d]) => truncateTime(t(x), n(d), false)),
  UTC: fn([], ([x]) => t(x).in(UTC)),
  Unix: fn([], ([x]) => int64(t(x).sec)),
  UnixMilli: fn([], ([x]) => int64(t(x).sec * 1000 + Math.floor(t(x).nsec / 1e6))),
  UnixMicro: fn([], ([x]) => int64(t(x).sec * 1e6 + Math.floor(t(x).nsec / 1e3))),
  UnixNano: fn([], ([x]) => int64(t(x).sec * 1e9 + t(x).nsec)),
  Weekday: fn([], ([x]) => new GoInt(t(x).civil().weekday, 'time.Weekday')),
  Year: fn([], ([x]) => int(t(x).civil().year)),
  YearDay: fn([], ([x]) => int(t(x).civil().yday)),
};

const DURATION_METHODS: Record<string, FuncDef> = {
  Hours: fn([], ([d]) => n(d) / 3600e9),
  Minutes: fn([], ([d]) => n(d) / 60e9),
  Seconds: fn([], ([d]) => n(d) / 1e9),
  Milliseconds: fn([], ([d]) => int64(Math.trunc(n(d) / 1e6))),
  Microseconds: fn([], ([d]) => int64(Math.trunc(n(d) / 1e3))),
  Nanoseconds: fn([], ([d]) => int64(n(d))),
  String: fn([], ([d]) => formatDuration(n(d))),
  Abs: fn([], ([d]) => dur(Math.abs(n(d)))),
  Round: fn(['duration'], ([d, m]) => dur(roundDuration(n(d), n(m)))),
  Truncate: fn(['duration'], ([d, m]) => (n(m) <= 0 ? dur(n(d)) : dur(n(d) - (n(d) % n(m))))),
};

const MONTH_METHODS: Record<string, FuncDef> = {
  String: fn([], ([m]) => monthName(n(m))),
};

const WEEKDAY_METHODS: Record<string, FuncDef> = {
  String: fn([], ([d]) => weekdayName(n(d))),
};

const hasOwn = Object.prototype.hasOwnProperty;

function pick(table: Record<string, FuncDef>, name: string): FuncDef | undefined {
  return hasOwn.call(table, name) ? table[name] : undefined;
}

/** The method `name` of the receiver's Go type, if any. */
export function methodFor(recv: GoValue, name: string): FuncDef | undefined {
  if (recv instanceof GoTime) return pick(TIME_METHODS, name);
  if (recv instanceof GoInt) {
    switch (recv.type) {
      case 'time.Duration':
        return pick(DURATION_METHODS, name);
      case 'time.Month':
        return pick(MONTH_METHODS, name);
      case 'time.Weekday':
        return pick(WEEKDAY_METHODS, name);
    }
  }
  return undefined;
}
