// W3C trace context as it travels inside events and activity inputs: plain strings, parsed
// without any library, so the Sensor workflow (Temporal's deterministic sandbox) can read it.
import type { CloudEvent } from '../engine/cloudevent.js';

/**
 * The event attribute holding the context of the Eventide span that received the event (the
 * ingress request span). Separate from the CloudEvents `traceparent` extension, which by that
 * extension's rules keeps the sender's starting trace and is never rewritten by intermediaries.
 */
export const EVENT_TRACEPARENT = 'eventidetraceparent';
export const EVENT_TRACESTATE = 'eventidetracestate';

/** The trace context a fire carries to its trigger activity. */
export interface FireTrace {
  /** parent of the trigger's span: the context of the event that completed the fire */
  traceparent: string;
  tracestate?: string;
  /** contexts of the fire's other events (an `&&` of dependencies from several traces): span links */
  links?: string[];
}

export interface ParsedTraceParent {
  traceId: string;
  spanId: string;
  /** bit 0: sampled */
  traceFlags: number;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** A W3C `traceparent` value, or undefined when it is not one (as the W3C spec says to ignore it). */
export function parseTraceParent(value: unknown): ParsedTraceParent | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TRACEPARENT.exec(value.trim());
  if (!m) return undefined;
  const [, version, traceId, spanId, flags, rest] = m;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId!) || /^0+$/.test(spanId!)) return undefined;
  return { traceId: traceId!, spanId: spanId!, traceFlags: parseInt(flags!, 16) };
}

export function formatTraceParent(p: ParsedTraceParent): string {
  return `00-${p.traceId}-${p.spanId}-${(p.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/**
 * The context an event belongs to: Eventide's own (set by the ingress when it traces), else the
 * sender's CloudEvents `traceparent` extension (a CloudEvent sender, a listener that kept it
 * from message headers, a hand-sent `temporal workflow signal`), else none.
 */
export function eventTraceContext(e: CloudEvent): { traceparent: string; tracestate?: string } | undefined {
  for (const [parent, state] of [
    [EVENT_TRACEPARENT, EVENT_TRACESTATE],
    ['traceparent', 'tracestate'],
  ] as const) {
    if (parseTraceParent(e[parent]) === undefined) continue;
    const tracestate = e[state];
    return typeof tracestate === 'string' && tracestate !== ''
      ? { traceparent: e[parent] as string, tracestate }
      : { traceparent: e[parent] as string };
  }
  return undefined;
}
