// time.Duration's String() and time.ParseDuration, used by dateModify, ago, duration and
// durationRound. Durations are nanosecond counts held in a JS number.

const UNITS = new Map<string, number>(
  Object.entries({
    ns: 1,
    us: 1e3,
    µs: 1e3, // U+00B5
    μs: 1e3, // U+03BC
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
  }),
);

export class DurationError extends Error {}

function quote(s: string): string {
  return JSON.stringify(s);
}

/** time.ParseDuration. */
export function parseDuration(s0: string): number {
  let s = s0;
  let neg = false;
  if (s !== '') {
    const c = s[0];
    if (c === '-' || c === '+') {
      neg = c === '-';
      s = s.slice(1);
    }
  }
  if (s === '0') return 0;
  if (s === '') throw new DurationError(`time: invalid duration ${quote(s0)}`);
  let d = 0;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9')))
      throw new DurationError(`time: invalid duration ${quote(s0)}`);
    const intMatch = /^[0-9]*/.exec(s)![0];
    s = s.slice(intMatch.length);
    const pre = intMatch !== '';
    let v = pre ? Number(intMatch) : 0;
    let f = 0;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      const fracMatch = /^[0-9]*/.exec(s)![0];
      s = s.slice(fracMatch.length);
      post = fracMatch !== '';
      for (const ch of fracMatch) {
        if (f > 2 ** 53 / 10) break;
        f = f * 10 + (ch.charCodeAt(0) - 48);
        scale *= 10;
      }
    }
    if (!pre && !post) throw new DurationError(`time: invalid duration ${quote(s0)}`);
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    s = s.slice(unitMatch.length);
    if (unitMatch === '') throw new DurationError(`time: missing unit in duration ${quote(s0)}`);
    const unit = UNITS.get(unitMatch);
    if (unit === undefined)
      throw new DurationError(`time: unknown unit ${quote(unitMatch)} in duration ${quote(s0)}`);
    if (v > 2 ** 63 / unit) throw new DurationError(`time: invalid duration ${quote(s0)}`);
    v *= unit;
    if (f > 0) v += Math.trunc(f * (unit / scale));
    d += v;
    if (d > 2 ** 63) throw new DurationError(`time: invalid duration ${quote(s0)}`);
  }
  return neg ? -d : d;
}

function fmtFrac(v: number, prec: number): { frac: string; rest: number } {
  let digits = '';
  let print = false;
  let u = v;
  for (let i = 0; i < prec; i++) {
    const digit = u % 10;
    print = print || digit !== 0;
    if (print) digits = String(digit) + digits;
    u = Math.floor(u / 10);
  }
  return { frac: print ? '.' + digits : '', rest: u };
}

/** Duration.String(): "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(d: number): string {
  const neg = d < 0;
  let u = Math.abs(Math.trunc(d));
  let out: string;
  if (u < 1e9) {
    if (u === 0) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1e3) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1e6) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const { frac, rest } = fmtFrac(u, prec);
    out = String(rest) + frac + unit;
  } else {
    const { frac, rest } = fmtFrac(u, 9);
    u = rest;
    out = String(u % 60) + frac + 's';
    u = Math.floor(u / 60);
    if (u > 0) {
      out = String(u % 60) + 'm' + out;
      u = Math.floor(u / 60);
      if (u > 0) out = String(u) + 'h' + out;
    }
  }
  return neg ? '-' + out : out;
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
