// CloudEvents a sender posts to a webhook (HTTP binding: binary, structured and batched mode),
// read and validated with the official SDK. Only the sender's context attributes are taken from
// here; the event's data stays Argo's {header, body, metadata}, so Argo Sensors work unchanged.
import { HTTP, ValidationError, type CloudEvent as SdkCloudEvent } from 'cloudevents';
import type { IngressRequest } from '../source-type.js';
import { mediaType } from '../push-common/request-headers.js';
import { decodeUtf8 } from '../push-common/json-body.js';

type CloudEventMode = 'binary' | 'structured' | 'batch';

/** One sender CloudEvent's context; `envelope` is its JSON object in structured / batch mode. */
export interface SenderCloudEvent {
  id: string;
  source: string;
  type: string;
  subject?: string;
  /** RFC 3339, only when the sender gave one */
  time?: string;
  /** every attribute outside the required and the routing ones (traceparent, dataschema, custom…) */
  extensions: Record<string, unknown>;
  envelope?: Record<string, unknown>;
}

export type SenderCloudEvents =
  | { kind: 'none' }
  | { kind: 'events'; mode: CloudEventMode; events: SenderCloudEvent[] }
  | { kind: 'invalid'; message: string };

const CORE = new Set(['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data']);
const NOT_EXTENSIONS = new Set([...CORE, 'data_base64', 'datacontentencoding']);

function modeOf(req: IngressRequest): CloudEventMode | undefined {
  const ct = mediaType(req.contentType);
  if (ct === 'application/cloudevents-batch+json') return 'batch';
  if (ct.startsWith('application/cloudevents')) return 'structured';
  if (req.headers['ce-id'] || req.headers['ce-specversion']) return 'binary';
  return undefined;
}

function flatHeaders(req: IngressRequest, ct: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v[0] !== undefined) out[k] = v[0];
  out['content-type'] = ct;
  return out;
}

function contextOf(e: SdkCloudEvent<unknown>, senderGaveTime: boolean, envelope?: Record<string, unknown>) {
  const extensions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (!NOT_EXTENSIONS.has(k) && v !== undefined) extensions[k] = v;
  }
  const out: SenderCloudEvent = { id: e.id, source: e.source, type: e.type, extensions };
  if (typeof e.subject === 'string' && e.subject !== '') out.subject = e.subject;
  if (senderGaveTime && typeof e.time === 'string') out.time = e.time;
  if (envelope) out.envelope = envelope;
  return out;
}

function describe(err: unknown): string {
  const errors = err instanceof ValidationError ? (err.errors ?? []) : [];
  if (errors.length > 0) {
    const details = errors.map((x) =>
      typeof x === 'object' && x !== null && 'message' in x
        ? `${String((x as { instancePath?: string }).instancePath ?? '')} ${String((x as { message: unknown }).message)}`.trim()
        : String(x),
    );
    return `${(err as Error).message.split('\n')[0]}: ${details.join('; ')}`;
  }
  return (err as Error).message;
}

function validated(e: SdkCloudEvent<unknown>): void {
  e.validate();
  // The SDK accepts any string; a Sensor needs a time it can order by.
  if (Number.isNaN(Date.parse(e.time ?? '')))
    throw new Error(`time "${e.time}" is not an RFC 3339 timestamp`);
}

/** The sender's CloudEvents in a request, `none` when it is a plain webhook call. */
export function senderCloudEvents(req: IngressRequest): SenderCloudEvents {
  const mode = modeOf(req);
  if (!mode) return { kind: 'none' };
  const text = req.rawBody.length > 0 ? decodeUtf8(req.rawBody) : '';
  if (text === undefined) return { kind: 'invalid', message: 'CloudEvent body is not valid UTF-8' };
  try {
    if (mode === 'binary') {
      // Attributes only: the body is read as Argo reads any webhook body.
      const e = HTTP.toEvent({ headers: flatHeaders(req, 'application/octet-stream'), body: undefined });
      const one = (Array.isArray(e) ? e[0]! : e) as SdkCloudEvent<unknown>;
      validated(one);
      return { kind: 'events', mode, events: [contextOf(one, req.headers['ce-time'] !== undefined)] };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return { kind: 'invalid', message: `CloudEvent body is not JSON: ${(err as Error).message}` };
    }
    const items = mode === 'batch' ? parsed : [parsed];
    if (!Array.isArray(items))
      return { kind: 'invalid', message: 'a CloudEvents batch must be a JSON array of CloudEvents' };
    const events = items.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        throw new Error(`${mode === 'batch' ? `entry ${i}: ` : ''}a CloudEvent must be a JSON object`);
      const envelope = item as Record<string, unknown>;
      try {
        const e = HTTP.toEvent({
          headers: { 'content-type': 'application/cloudevents+json' },
          body: JSON.stringify(envelope),
        });
        const one = (Array.isArray(e) ? e[0]! : e) as SdkCloudEvent<unknown>;
        validated(one);
        return contextOf(one, typeof envelope.time === 'string', envelope);
      } catch (err) {
        throw new Error(`${mode === 'batch' ? `entry ${i}: ` : ''}${describe(err)}`);
      }
    });
    return { kind: 'events', mode, events };
  } catch (err) {
    return { kind: 'invalid', message: `invalid CloudEvent (${mode} mode): ${describe(err)}` };
  }
}
