// The Sensor workflow's memory of which trace each recent event belongs to, so every fire can
// carry the trace context of ITS events to the trigger activity (one fire per activity or many
// in a runTriggerBatch). The engine's held events keep only Argo's event view, so the driver
// remembers the contexts beside it, bounded, oldest forgotten first. Deterministic: plain maps.
import type { CloudEvent } from '../engine/cloudevent.js';
import type { FireEffect } from '../engine/types.js';
import { eventTraceContext, type FireTrace } from './trace-context.js';

/** Events remembered per run; an event held longer than this many traced events fires untraced. */
const DEFAULT_LIMIT = 2_000;

export class EventTraces {
  private readonly byEvent = new Map<string, { traceparent: string; tracestate?: string; seq: number }>();
  private seq = 0;

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  remember(e: CloudEvent): void {
    const ctx = eventTraceContext(e);
    if (!ctx || typeof e.id !== 'string') return;
    this.byEvent.delete(e.id);
    this.byEvent.set(e.id, { ...ctx, seq: this.seq++ });
    if (this.byEvent.size > this.limit) {
      const oldest = this.byEvent.keys().next().value;
      if (oldest !== undefined) this.byEvent.delete(oldest);
    }
  }

  /**
   * A fire's trace: the parent is the context of its most recently received event (the one that
   * completed the conditions); the fire's other events from other traces become links.
   */
  forFire(fire: FireEffect): FireTrace | undefined {
    const found = Object.values(fire.events)
      .map((v) => this.byEvent.get(v.context.id))
      .filter((c): c is NonNullable<typeof c> => c !== undefined)
      .sort((a, b) => b.seq - a.seq);
    const first = found[0];
    if (!first) return undefined;
    const trace: FireTrace = { traceparent: first.traceparent };
    if (first.tracestate) trace.tracestate = first.tracestate;
    const links = [...new Set(found.slice(1).map((c) => c.traceparent))].filter(
      (t) => t !== first.traceparent,
    );
    if (links.length > 0) trace.links = links;
    return trace;
  }
}
