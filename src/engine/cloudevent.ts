// CloudEvents (structured JSON mode) as Sensors receive them, and the Argo `Event` view
// (context + data) that filters, transforms and parameters read.
import { utf8Decode } from '../lang/go/utf8.js';
import type { EventContext } from '../vocabulary/manifest-types.js';

export interface CloudEvent {
  specversion?: string;
  id: string;
  /** the EventSource name */
  source: string;
  /** the event name inside the EventSource */
  subject?: string;
  type?: string;
  /** RFC 3339 */
  time?: string;
  datacontenttype?: string;
  data?: unknown;
  data_base64?: string;
  /** Eventide extension: when the ingress accepted the event (RFC 3339), used for ordering after downtime */
  eventidereceived?: string;
  [extension: string]: unknown;
}

/** Argo's EventContext, serialised the way Argo marshals it (contextKey/contextTemplate read
 * this); `time` is RFC 3339 in UTC with second precision, as metav1.Time marshals. */
type EventContextView = EventContext;

export interface EventView {
  context: EventContextView;
  /** the event data as a JSON value; undefined when the event has none */
  data: unknown;
  /** false when the event carries data that is not JSON (filters on data then fail, as in Argo) */
  dataIsJson: boolean;
  /** event time in epoch ms (CloudEvent `time`, else the time it was received) */
  timeMs: number;
}

/** Checks the attributes a Sensor needs; returns the reason an event is unusable, or undefined. */
export function cloudEventProblem(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || Array.isArray(e))
    return 'event must be a JSON object (a CloudEvent)';
  const ce = e as Record<string, unknown>;
  if (typeof ce.id !== 'string' || ce.id === '') return 'event.id must be a non-empty string';
  if (typeof ce.source !== 'string' || ce.source === '')
    return 'event.source (the EventSource name) must be a non-empty string';
  if (ce.subject !== undefined && typeof ce.subject !== 'string')
    return 'event.subject (the event name) must be a string';
  if (ce.time !== undefined && (typeof ce.time !== 'string' || Number.isNaN(Date.parse(ce.time))))
    return 'event.time must be an RFC 3339 timestamp';
  if (ce.data_base64 !== undefined && typeof ce.data_base64 !== 'string')
    return 'event.data_base64 must be a string';
  return undefined;
}

/** RFC 3339 with second precision in UTC, the way Go's metav1.Time marshals. */
export function formatArgoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function toEventView(e: CloudEvent, receivedAtMs: number): EventView {
  const parsedTime = e.time !== undefined ? Date.parse(e.time) : NaN;
  const timeMs = Number.isNaN(parsedTime) ? receivedAtMs : parsedTime;
  let data: unknown = e.data;
  let dataIsJson = true;
  if (data === undefined && typeof e.data_base64 === 'string') {
    // Undecodable base64 is data nobody can read, not an event without data: filters on it fail.
    const text = decodeBase64Text(e.data_base64) ?? '';
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
      dataIsJson = false;
    }
  }
  return {
    context: {
      id: e.id,
      source: e.source,
      specversion: e.specversion ?? '1.0',
      type: e.type ?? '',
      datacontenttype: e.datacontenttype ?? (data === undefined ? '' : 'application/json'),
      subject: e.subject ?? '',
      time: formatArgoTime(timeMs),
    },
    data,
    dataIsJson,
    timeMs,
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * base64 → UTF-8 text without Buffer/atob (the workflow sandbox has neither guaranteed);
 * undefined when the text is not base64. Invalid UTF-8 becomes U+FFFD, as Go's JSON decoder
 * reads it.
 */
function decodeBase64Text(b64: string): string | undefined {
  const clean = b64.replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch === '-' ? '+' : ch === '_' ? '/' : ch);
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return utf8Decode(bytes);
}
