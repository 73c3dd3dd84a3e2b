// A Pub/Sub message as Argo's PubSubEventData ({id, body, attributes, publishTime, metadata}), with
// an event id from the message id, so a message redelivered after a crash (or an expired lease)
// is deduplicated by the Sensors. Pure.
import type { EventDraft } from '../source-type.js';
import type { PubSubPlan } from './pubsub-config.js';

/** What the listener reads of a received message (the client's Message has these). */
export interface ReceivedMessage {
  id: string;
  data: Buffer;
  attributes: Record<string, string>;
  /** publish time: epoch milliseconds and the nanoseconds within that millisecond's second */
  publishTime: { getTime(): number; getMicroseconds(): number; getNanoseconds(): number };
}

interface PubSubEventData {
  id: string;
  body: unknown;
  attributes: Record<string, string> | null;
  publishTime: string;
  metadata?: Record<string, string>;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Go's time.Time.String() of a UTC instant ("2006-01-02 15:04:05.999999999 +0000 UTC"), which is
 * what Argo puts in publishTime: fraction trimmed of trailing zeros, none when zero.
 */
export function goTimeString(ms: number, micros = 0, nanos = 0): string {
  const d = new Date(ms);
  const frac = (((ms % 1000) + 1000) % 1000) * 1_000_000 + micros * 1000 + nanos;
  const fraction = frac === 0 ? '' : `.${String(frac).padStart(9, '0').replace(/0+$/, '')}`;
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${fraction} +0000 UTC`
  );
}

export type PubSubMapping = { ok: true; draft: EventDraft } | { ok: false; reason: string };

/**
 * Argo's payload: without jsonBody the body is the bytes (base64, as Go writes []byte); with it
 * the body is the message's JSON as is. Data that is not JSON cannot be such an event (Argo
 * fails to marshal it), so it is refused with the reason.
 */
export function pubSubEvent(plan: PubSubPlan, subscription: string, m: ReceivedMessage): PubSubMapping {
  let body: unknown;
  if (plan.jsonBody) {
    try {
      body = JSON.parse(m.data.toString('utf8'));
    } catch (e) {
      return { ok: false, reason: `data is not JSON (jsonBody is true): ${(e as Error).message}` };
    }
  } else {
    body = m.data.toString('base64');
  }
  const t = m.publishTime;
  const data: PubSubEventData = {
    id: m.id,
    body,
    attributes: Object.keys(m.attributes).length > 0 ? { ...m.attributes } : null,
    publishTime: goTimeString(t.getTime(), t.getMicroseconds(), t.getNanoseconds()),
    ...(plan.metadata ? { metadata: plan.metadata } : {}),
  };
  return { ok: true, draft: { id: `pubSub:${subscription}/${m.id}`, data, time: t.getTime() } };
}
