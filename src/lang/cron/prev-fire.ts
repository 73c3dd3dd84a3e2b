// The previous fire time, as Argo computes it for conditionsReset (PrevCronTime in
// pkg/shared/util/cronutil.go): robfig's search run backwards, stepping to the last second of the
// previous month, day, hour or minute. It starts one second before the given time, so a schedule
// firing exactly at that second is not returned; the one before it is.

import { dayMatches, type CronSpec } from './cron-spec.js';
import { HOUR_MS, SECOND_MS, type WallTime, type ZoneClock } from './zone-clock.js';

const YEARS_SEARCHED = 5;
const MAX_STEPS = 100_000;

function floorTo(t: number, unit: number): number {
  return t - (((t % unit) + unit) % unit);
}

/** The last fire time before the second containing `before` (epoch ms), or NaN within five years. */
export function prevFire(spec: CronSpec, before: number, clock: ZoneClock): number {
  let t = floorTo(before, SECOND_MS) - SECOND_MS;
  let w: WallTime = clock.wall(t);
  const yearLimit = w.year - YEARS_SEARCHED;
  let steps = 0;
  const move = (to: number) => {
    t = to;
    w = clock.wall(t);
  };

  wrap: for (;;) {
    if (w.year < yearLimit) return NaN;

    while (!spec.month[w.month]) {
      if (++steps > MAX_STEPS) return NaN;
      move(clock.date(w.year, w.month, 1, 0, 0, 0) - SECOND_MS);
      if (w.month === 12) continue wrap;
    }

    while (!dayMatches(spec, w.day, w.weekday)) {
      if (++steps > MAX_STEPS) return NaN;
      const month = w.month;
      move(clock.date(w.year, w.month, w.day, 0, 0, 0));
      if (w.hour !== 0) move(t + (w.hour > 12 ? 24 - w.hour : -w.hour) * HOUR_MS);
      move(t - SECOND_MS);
      if (w.month !== month) continue wrap;
    }

    while (!spec.hour[w.hour]) {
      if (++steps > MAX_STEPS) return NaN;
      move(clock.date(w.year, w.month, w.day, w.hour, 0, 0) - SECOND_MS);
      if (w.hour === 23) continue wrap;
    }

    while (!spec.minute[w.minute]) {
      if (++steps > MAX_STEPS) return NaN;
      move(clock.date(w.year, w.month, w.day, w.hour, w.minute, 0) - SECOND_MS);
      if (w.minute === 59) continue wrap;
    }

    while (!spec.second[w.second]) {
      if (++steps > MAX_STEPS) return NaN;
      move(t - SECOND_MS);
      if (w.second === 59) continue wrap;
    }

    return t;
  }
}
