// Argo's NATS event payload: {subject, body, header?, metadata?}. With jsonBody the body is the
// message parsed as JSON, otherwise the bytes as base64 (Go marshals []byte so).
import type { MsgHdrs } from 'nats';

export interface NatsEventData {
  subject: string;
  body: unknown;
  header?: Record<string, string[]>;
  metadata?: Record<string, string>;
}

export class NatsBodyError extends Error {
  override name = 'NatsBodyError';
}

function headerMap(h: MsgHdrs | undefined): Record<string, string[]> | undefined {
  if (!h) return undefined;
  const out: Record<string, string[]> = {};
  for (const k of h.keys()) out[k] = h.values(k);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Throws NatsBodyError when jsonBody is set and the message is not JSON (Argo drops it too). */
export function natsEventData(
  msg: { subject: string; data: Uint8Array; headers?: MsgHdrs },
  jsonBody: boolean,
  metadata: Record<string, string> | undefined,
): NatsEventData {
  let body: unknown;
  if (jsonBody) {
    try {
      body = JSON.parse(new TextDecoder().decode(msg.data));
    } catch (e) {
      throw new NatsBodyError(
        `message on ${msg.subject} is not JSON (jsonBody is true): ${(e as Error).message}`,
      );
    }
  } else {
    body = Buffer.from(msg.data).toString('base64');
  }
  const header = headerMap(msg.headers);
  return { subject: msg.subject, body, ...(header ? { header } : {}), ...(metadata ? { metadata } : {}) };
}
