// Cron schedules with robfig/cron v3 semantics, as Argo Events uses them for Sensor
// conditionsReset and the calendar EventSource. All times are epoch milliseconds.

import { CronError } from './errors.js';
import type { CronSpec, EverySpec } from './cron-spec.js';
import { nextFire } from './next-fire.js';
import { parseCronSpec, type ParseCronOptions } from './parse-cron.js';
import { prevFire } from './prev-fire.js';
import { zoneClock, type ZoneClock } from './zone-clock.js';

export { CronError } from './errors.js';
export type { ParseCronOptions } from './parse-cron.js';

export interface CronSchedule {
  readonly expression: string;
  /**
   * The first fire time strictly after `afterMs`, or NaN when the schedule cannot fire within five
   * years (like "0 0 30 2 *"; robfig returns the zero time). Fields are read in the expression's
   * CRON_TZ zone if it has one, else in `timeZone` (default UTC).
   */
  next(afterMs: number, timeZone?: string): number;
  /**
   * The last fire time before the second containing `beforeMs` (Argo's PrevCronTime: a fire at
   * exactly that second is not returned), or NaN if none within five years. @every schedules have
   * no previous time and throw CronError, as Argo's PrevCronTime errors on them.
   */
  prev(beforeMs: number, timeZone?: string): number;
}

function clockFor(spec: CronSpec, timeZone: string, expression: string): ZoneClock {
  const zone = spec.location ?? timeZone;
  const clock = zoneClock(zone);
  if (!clock) {
    throw new CronError(
      `unknown time zone ${JSON.stringify(zone)} for cron expression ${JSON.stringify(expression)}: ` +
        'use an IANA zone name such as "Europe/Paris" or "UTC"',
    );
  }
  return clock;
}

function checkInstant(ms: number, what: string): void {
  if (!Number.isFinite(ms))
    throw new CronError(`${what} must be a finite epoch time in milliseconds, got ${ms}`);
}

class SpecSchedule implements CronSchedule {
  constructor(
    readonly expression: string,
    private readonly spec: CronSpec,
  ) {}

  next(afterMs: number, timeZone = 'UTC'): number {
    checkInstant(afterMs, 'afterMs');
    return nextFire(this.spec, afterMs, clockFor(this.spec, timeZone, this.expression));
  }

  prev(beforeMs: number, timeZone = 'UTC'): number {
    checkInstant(beforeMs, 'beforeMs');
    return prevFire(this.spec, beforeMs, clockFor(this.spec, timeZone, this.expression));
  }
}

class EverySchedule implements CronSchedule {
  constructor(
    readonly expression: string,
    private readonly spec: EverySpec,
  ) {}

  /** robfig's ConstantDelaySchedule: the delay after `afterMs` rounded down to its second. */
  next(afterMs: number): number {
    checkInstant(afterMs, 'afterMs');
    return Math.floor(afterMs / 1000) * 1000 + this.spec.delayMs;
  }

  prev(): number {
    throw new CronError(
      `${JSON.stringify(this.expression)} repeats at a fixed delay and has no previous fire time`,
    );
  }
}

const MAX_CACHED = 512;
const cache = new Map<string, CronSchedule>();

/** Parses (once; results are cached) a cron expression. Throws CronError naming the bad field. */
export function parseCron(expr: string, opts?: ParseCronOptions): CronSchedule {
  const key = `${opts?.descriptors ? 'd' : 's'}:${expr}`;
  let schedule = cache.get(key);
  if (!schedule) {
    const spec = parseCronSpec(expr, opts);
    schedule = spec.kind === 'every' ? new EverySchedule(expr, spec) : new SpecSchedule(expr, spec);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, schedule);
  }
  return schedule;
}
