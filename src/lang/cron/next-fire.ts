// robfig/cron v3 SpecSchedule.Next, step for step: find the month, then the day, hour, minute and
// second, incrementing a field until it matches and starting over when it wraps. Days and months
// advance by wall clock (AddDate), hours, minutes and seconds by elapsed time (Add), which is what
// gives robfig's DST behaviour: a time in a spring-forward gap is skipped, a time in a fall-back
// overlap fires in both readings, and a midnight that does not exist is nudged onto the day.

import { dayMatches, type CronSpec } from './cron-spec.js';
import { HOUR_MS, MINUTE_MS, SECOND_MS, type WallTime, type ZoneClock } from './zone-clock.js';

/** robfig gives up after five years; we also cap the steps, so no schedule can loop for long. */
const YEARS_SEARCHED = 5;
const MAX_STEPS = 100_000;

function floorTo(t: number, unit: number): number {
  return t - (((t % unit) + unit) % unit);
}

/** Units to add to go from `current` to the next value set in `allowed`, or to wrap to 0. */
function distanceToMatch(allowed: readonly boolean[], current: number, size: number): number {
  for (let v = current + 1; v < size; v++) if (allowed[v]) return v - current;
  return size - current;
}

/** The first time after `after` (epoch ms) the schedule fires, or NaN if none within five years. */
export function nextFire(spec: CronSpec, after: number, clock: ZoneClock): number {
  // Start at the next whole second.
  let t = floorTo(after, SECOND_MS) + SECOND_MS;
  let w: WallTime = clock.wall(t);
  let added = false;
  const yearLimit = w.year + YEARS_SEARCHED;
  let steps = 0;
  const move = (to: number) => {
    t = to;
    w = clock.wall(t);
  };
  // robfig adds one hour, minute or second at a time until the field matches or wraps. Adding
  // them all at once lands on the same instant whenever no UTC offset change lies in between,
  // since the wall clock then advances exactly with elapsed time; otherwise step one by one.
  const advance = (unit: number, allowed: readonly boolean[], current: number, size: number) => {
    const jump = t + distanceToMatch(allowed, current, size) * unit;
    move(clock.offsetMs(jump) === clock.offsetMs(t) ? jump : t + unit);
  };

  wrap: for (;;) {
    if (w.year > yearLimit) return NaN;

    while (!spec.month[w.month]) {
      if (++steps > MAX_STEPS) return NaN;
      if (!added) {
        added = true;
        move(clock.date(w.year, w.month, 1, 0, 0, 0));
      }
      move(clock.date(w.year, w.month + 1, w.day, w.hour, w.minute, w.second));
      if (w.month === 1) continue wrap;
    }

    while (!dayMatches(spec, w.day, w.weekday)) {
      if (++steps > MAX_STEPS) return NaN;
      if (!added) {
        added = true;
        move(clock.date(w.year, w.month, w.day, 0, 0, 0));
      }
      move(clock.date(w.year, w.month, w.day + 1, w.hour, w.minute, w.second));
      // Where midnight does not exist the day starts at 23:00 the day before or 01:00: fix up.
      if (w.hour !== 0) move(t + (w.hour > 12 ? 24 - w.hour : -w.hour) * HOUR_MS);
      if (w.day === 1) continue wrap;
    }

    while (!spec.hour[w.hour]) {
      if (++steps > MAX_STEPS) return NaN;
      if (!added) {
        added = true;
        move(clock.date(w.year, w.month, w.day, w.hour, 0, 0));
      }
      advance(HOUR_MS, spec.hour, w.hour, 24);
      if (w.hour === 0) continue wrap;
    }

    while (!spec.minute[w.minute]) {
      if (++steps > MAX_STEPS) return NaN;
      if (!added) {
        added = true;
        move(floorTo(t, MINUTE_MS));
      }
      advance(MINUTE_MS, spec.minute, w.minute, 60);
      if (w.minute === 0) continue wrap;
    }

    while (!spec.second[w.second]) {
      if (++steps > MAX_STEPS) return NaN;
      if (!added) {
        added = true;
        move(floorTo(t, SECOND_MS));
      }
      advance(SECOND_MS, spec.second, w.second, 60);
      if (w.second === 0) continue wrap;
    }

    return t;
  }
}
