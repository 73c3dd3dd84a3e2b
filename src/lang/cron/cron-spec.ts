// A parsed robfig/cron schedule: for each field, which values fire. `domStar`/`dowStar` record
// whether the field was written as * or ? (without a step above 1), which decides how day of month
// and day of week combine.

export interface CronSpec {
  kind: 'spec';
  second: readonly boolean[];
  minute: readonly boolean[];
  hour: readonly boolean[];
  /** Index 1-31. */
  dom: readonly boolean[];
  /** Index 1-12. */
  month: readonly boolean[];
  /** Index 0-6, Sunday first. */
  dow: readonly boolean[];
  domStar: boolean;
  dowStar: boolean;
  /** CRON_TZ= zone, or undefined to use the zone the caller passes (Go's time.Local). */
  location: string | undefined;
}

/** `@every <duration>`: fires every `delayMs` after the previous time, whole seconds only. */
export interface EverySpec {
  kind: 'every';
  delayMs: number;
}

/**
 * robfig's dayMatches: with * in either day field both must match, otherwise either may.
 * So "0 0 1 * MON" fires on the 1st and on every Monday, while "0 0 * * MON" fires on Mondays.
 */
export function dayMatches(spec: CronSpec, day: number, weekday: number): boolean {
  const domMatch = spec.dom[day] === true;
  const dowMatch = spec.dow[weekday] === true;
  if (spec.domStar || spec.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}
