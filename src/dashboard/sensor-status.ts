// A Sensor's status from its live state and recent decisions (both answered by queries).
import type { Decision, EngineState } from '../engine/types.js';
import type { HeldEventView } from './dashboard-model.js';

export interface DecisionCounts {
  lastEventAt?: number;
  fires: number;
  failures: number;
  dlqFires: number;
}

export function countDecisions(decisions: readonly Decision[]): DecisionCounts {
  const c: DecisionCounts = { fires: 0, failures: 0, dlqFires: 0 };
  for (const d of decisions) {
    if (d.kind === 'event') c.lastEventAt = Math.max(c.lastEventAt ?? 0, d.at);
    else if (d.kind === 'fired') {
      if (d.dlqOf) c.dlqFires++;
      else c.fires++;
    } else if (d.kind === 'fire-failed') c.failures++;
    else if (d.kind === 'result' && d.outcome === 'failed') c.failures++;
  }
  return c;
}

export function heldEvents(state: EngineState): HeldEventView[] {
  const out: HeldEventView[] = [];
  for (const [trigger, ts] of Object.entries(state.triggers ?? {})) {
    for (const [dependency, h] of Object.entries(ts.held ?? {})) {
      out.push({
        trigger,
        dependency,
        eventId: h.event.context?.id ?? '',
        heldAt: h.heldAt,
        ...(h.expiresAt !== undefined ? { expiresAt: h.expiresAt } : {}),
      });
    }
  }
  return out.sort((a, b) => a.heldAt - b.heldAt);
}

/** Does this decision concern the event? */
export function namesEvent(d: Decision, eventId: string): boolean {
  switch (d.kind) {
    case 'event':
    case 'held':
    case 'expired':
      return d.eventId === eventId;
    case 'fired':
    case 'fire-failed':
    case 'rate-limited':
      return Object.values(d.events).includes(eventId);
    case 'reset':
      return d.dropped.some((x) => x.eventId === eventId);
    case 'spec-updated':
      return d.dropped.some((x) => x.eventId === eventId);
    case 'result':
      return false;
  }
}
