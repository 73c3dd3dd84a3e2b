// When a calendar EventSource ticks, and which ticks a wake-up emits. Pure and deterministic (the
// EventSource workflow calls it with its own clock): all times are epoch milliseconds.
//
// State is one number per event, the watermark: every tick at or before it has been handled
// (emitted, or skipped on purpose). Interval schedules tick on a grid anchored at the watermark,
// so they keep their phase across restarts.
import { parseCron } from '../../lang/cron/index.js';
import { zoneClock } from '../../lang/cron/zone-clock.js';
import { GoTime, loadLocation } from '../../lang/gotemplate/time/go-time.js';
import { timeString } from '../../lang/gotemplate/time/layout.js';
import type { CalendarPlan } from './calendar-config.js';

/**
 * Without catchup a tick counts as missed once it is this late when the workflow sees it. A worker
 * that is merely busy or restarting quickly still emits it; a long outage skips, as Argo does.
 */
export const LATE_TICK_TOLERANCE_MS = 10_000;
/** Consecutive excluded days searched before a schedule is declared never to fire again. */
const MAX_EXCLUDED_DAYS = 3660;

const SECOND_MS = 1000;

/** The watermark a schedule starts from at `now`: ticks strictly after it fire. */
export function anchorAt(plan: CalendarPlan, now: number): number {
  // robfig's ConstantDelaySchedule counts from the start of the current second.
  return plan.intervalMs !== undefined ? Math.floor(now / SECOND_MS) * SECOND_MS : now;
}

function rawNext(plan: CalendarPlan, after: number): number {
  if (plan.intervalMs !== undefined) return after + plan.intervalMs;
  return parseCron(plan.schedule!).next(after, plan.timeZone);
}

function dayKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first tick strictly after `after` on a day that is not excluded, or NaN if there is none. */
export function nextTick(plan: CalendarPlan, after: number): number {
  let t = rawNext(plan, after);
  if (plan.exclusionDays.length === 0) return t;
  const clock = zoneClock(plan.timeZone)!;
  const excluded = new Set(plan.exclusionDays);
  for (let skips = 0; Number.isFinite(t); skips++) {
    const w = clock.wall(t);
    if (!excluded.has(dayKey(w.year, w.month, w.day))) return t;
    if (skips >= MAX_EXCLUDED_DAYS) return NaN;
    // Argo asks for the next tick until one falls on another day; jump there directly.
    const nextDay = clock.date(w.year, w.month, w.day + 1, 0, 0, 0);
    if (plan.intervalMs !== undefined) {
      const steps = Math.max(1, Math.ceil((nextDay - t) / plan.intervalMs));
      t += steps * plan.intervalMs;
    } else {
      t = rawNext(plan, Math.max(t, nextDay - 1));
    }
  }
  return NaN;
}

export interface TickDecision {
  /** ticks to emit now, oldest first */
  emit: number[];
  /** the watermark once `emit` is delivered */
  watermark: number;
  /** the next tick after the new watermark (may already be due when `more`), NaN if none */
  next: number;
  /** more ticks are due than `limit` allowed: decide again right after delivering */
  more: boolean;
  /** ticks in (from, to] were skipped: missed while nothing ran, beyond what catchup allows */
  skipped?: { from: number; to: number };
}

/**
 * Decides which ticks a wake-up at `now` emits, given the watermark. With catchup every due tick
 * within maxDuration (all, without one) is emitted; without it only ticks that are not yet
 * LATE_TICK_TOLERANCE_MS late, so after an outage the schedule resumes at its next tick.
 */
export function decideTicks(plan: CalendarPlan, watermark: number, now: number, limit = 100): TickDecision {
  const { catchup } = plan;
  const horizon = !catchup.enabled
    ? now - LATE_TICK_TOLERANCE_MS
    : catchup.maxDurationMs !== undefined
      ? now - catchup.maxDurationMs
      : -Infinity;
  let w = watermark;
  let skipped: TickDecision['skipped'];
  if (w < horizon) {
    // Everything up to the horizon is out of reach; interval ticks keep their grid.
    const to =
      plan.intervalMs !== undefined
        ? w + Math.floor((horizon - w) / plan.intervalMs) * plan.intervalMs
        : horizon;
    if (nextTick(plan, w) <= to) skipped = { from: w, to };
    w = to;
  }
  const emit: number[] = [];
  for (;;) {
    const t = nextTick(plan, w);
    if (!(t <= now) || emit.length >= limit) {
      const decision: TickDecision = { emit, watermark: w, next: t, more: t <= now };
      if (skipped) decision.skipped = skipped;
      return decision;
    }
    emit.push(t);
    w = t;
  }
}

export interface CalendarEventData {
  eventTime: string;
  metadata?: Record<string, string>;
}

/** Argo's CalendarEventData: the tick as Go's Time.String() in the calendar's zone, and metadata. */
export function calendarEventData(plan: CalendarPlan, tick: number): CalendarEventData {
  const loc = loadLocation(plan.timeZone)!;
  const data: CalendarEventData = { eventTime: timeString(GoTime.fromEpochMs(tick, loc)) };
  if (plan.metadata) data.metadata = plan.metadata;
  return data;
}

/** One id per (EventSource, event, scheduled time): a redelivered tick is the same event. */
export function calendarEventId(
  source: { namespace: string; name: string },
  eventName: string,
  tick: number,
): string {
  return `calendar:${source.namespace}/${source.name}/${eventName}@${new Date(tick).toISOString()}`;
}
