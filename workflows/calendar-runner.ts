// One calendar event inside the EventSource workflow: durable timers to the next tick, ticks
// handed to the delivery activity, and a watermark in the workflow state so that neither a worker
// restart nor continue-as-new loses or doubles a tick.
import { CancellationScope, log, sleep } from '@temporalio/workflow';
import {
  readCalendarConfig,
  scheduleKeyOf,
  type CalendarPlan,
} from '../src/sources/calendar/calendar-config.js';
import {
  anchorAt,
  calendarEventData,
  calendarEventId,
  decideTicks,
} from '../src/sources/calendar/calendar-schedule.js';
import { planOrThrow } from '../src/sources/source-config.js';
import { filterExpressionOf, sourceFilterVerdict } from '../src/sources/source-filter.js';
import type { EventDraft } from '../src/sources/source-type.js';
import type { DeliverEventsInput } from '../activities/deliver-events.js';
import type {
  CalendarEventState,
  EventSourceRef,
  EventSourceState,
} from '../src/vocabulary/eventsource-api.js';

/** Ticks per delivery: a long catch-up goes out in slices, the watermark advancing after each. */
const TICKS_PER_DELIVERY = 100;

export interface CalendarRunnerArgs {
  source: EventSourceRef;
  eventName: string;
  config: Record<string, unknown>;
  /** the workflow's state: this runner reads and advances its own entry */
  state: EventSourceState;
  deliver: (input: DeliverEventsInput) => Promise<unknown>;
}

function eventState(a: CalendarRunnerArgs, plan: CalendarPlan): CalendarEventState {
  const key = scheduleKeyOf(plan);
  const prior = a.state.calendar[a.eventName];
  if (prior?.scheduleKey === key) return prior;
  // New event, or a new schedule: it starts now (a changed schedule has no missed ticks).
  const fresh: CalendarEventState = {
    watermark: anchorAt(plan, Date.now()),
    scheduleKey: key,
    emitted: prior?.emitted ?? 0,
  };
  if (prior?.lastEmitted !== undefined) fresh.lastEmitted = prior.lastEmitted;
  a.state.calendar[a.eventName] = fresh;
  return fresh;
}

export async function runCalendarEvent(a: CalendarRunnerArgs): Promise<void> {
  const plan = planOrThrow(readCalendarConfig, a.config);
  const filter = filterExpressionOf(a.config);
  const st = eventState(a, plan);
  const origin = { source: a.source, sourceType: 'calendar', eventName: a.eventName };
  for (;;) {
    const d = decideTicks(plan, st.watermark, Date.now(), TICKS_PER_DELIVERY);
    if (d.skipped) {
      log.info('calendar ticks missed while no worker ran were skipped', {
        event: a.eventName,
        from: new Date(d.skipped.from).toISOString(),
        to: new Date(d.skipped.to).toISOString(),
        catchup: plan.catchup.enabled,
      });
    }
    const drafts: EventDraft[] = [];
    for (const tick of d.emit) {
      const data = calendarEventData(plan, tick);
      const verdict = sourceFilterVerdict(filter, data);
      if (!verdict.pass) {
        log.info('calendar tick filtered out', { event: a.eventName, reason: verdict.reason });
        continue;
      }
      drafts.push({ id: calendarEventId(a.source, a.eventName, tick), data, time: tick });
    }
    if (drafts.length > 0) await a.deliver({ origin, drafts });
    st.watermark = d.watermark;
    st.emitted += drafts.length;
    if (drafts.length > 0) st.lastEmitted = drafts[drafts.length - 1]!.time!;
    if (d.more) continue;
    if (!Number.isFinite(d.next)) {
      log.warn('calendar schedule never fires again', { event: a.eventName });
      await CancellationScope.current().cancelRequested;
    }
    await sleep(Math.max(1, d.next - Date.now()));
  }
}
