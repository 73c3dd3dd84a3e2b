// A Kafka message as Argo's kafka event data ({topic, key, partition, timestamp, headers, body,
// metadata}) with an id from its identity (topic/partition/offset), so a message redelivered
// after a crash is deduplicated by the Sensors. Pure.
import type { EventDraft } from '../source-type.js';

export interface KafkaMessageIn {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** epoch ms, as a decimal string (kafkajs) */
  timestamp: string;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

interface KafkaEventData {
  topic: string;
  key: string;
  partition: number;
  /** Go's time.Time.String() of the message timestamp, in UTC */
  timestamp: string;
  headers: Record<string, string>;
  /** parsed JSON with jsonBody, else the bytes as base64 (Go's []byte in JSON) */
  body: unknown;
  metadata?: Record<string, string>;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Go's time.Time.String() for a UTC instant: "2006-01-02 15:04:05.999999999 +0000 UTC". */
export function goTimeString(epochMs: number): string {
  const d = new Date(epochMs);
  const frac = d.getUTCMilliseconds() === 0 ? '' : `.${pad(d.getUTCMilliseconds(), 3)}`.replace(/0+$/, '');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} +0000 UTC`
  );
}

function headerValue(v: Buffer | string | (Buffer | string)[] | undefined): string {
  // sarama keeps the last of repeated headers in Argo's map.
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return last === undefined ? '' : last.toString();
}

export class NotJsonError extends Error {
  override name = 'NotJsonError';
}

function kafkaEventId(m: Pick<KafkaMessageIn, 'topic' | 'partition' | 'offset'>): string {
  return `kafka:${m.topic}/${m.partition}/${m.offset}`;
}

/** Throws NotJsonError when jsonBody is set and the value is not JSON (Argo rejects those too). */
export function kafkaEventDraft(
  m: KafkaMessageIn,
  jsonBody: boolean,
  metadata?: Record<string, string>,
): EventDraft {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = headerValue(v);
  const value = m.value ?? Buffer.alloc(0);
  let body: unknown;
  if (jsonBody) {
    try {
      body = JSON.parse(value.toString('utf8'));
    } catch {
      throw new NotJsonError(`message ${kafkaEventId(m)} is not JSON although jsonBody is set`);
    }
  } else {
    body = value.toString('base64');
  }
  const time = Number(m.timestamp);
  const data: KafkaEventData = {
    topic: m.topic,
    key: m.key ? m.key.toString('utf8') : '',
    partition: m.partition,
    timestamp: goTimeString(time),
    headers,
    body,
    ...(metadata ? { metadata } : {}),
  };
  return { id: kafkaEventId(m), data, ...(Number.isFinite(time) ? { time } : {}) };
}
