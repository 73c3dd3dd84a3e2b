// The event data Argo's stripe source emits: {event, metadata?}, where `event` is the body decoded
// into stripe-go's Event struct and encoded again: absent fields appear with Go's zero values,
// `data.object` stays as sent and `data.previous_attributes` is an object or null. A field of the
// wrong JSON type fails decoding, as it does in Go. Argo's stripe-go (v70) has no `object` and
// `api_version` fields, so Argo drops them; Eventide keeps them, as current stripe-go does
// (Sensors filtering on api_version need it). `request` as a plain string is the shape of
// API versions before 2017-05-25; stripe-go and stripe-node accept it, and so does Eventide.
import { isObject, type Obj } from '../../vocabulary/shape-checks.js';

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

class DecodeError extends Error {}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new DecodeError(`${path}${key} must be a string`);
  return v;
}

function int(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    throw new DecodeError(`${path}${key} must be a whole number`);
  return v;
}

function bool(o: Obj, key: string, path: string): boolean {
  const v = o[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new DecodeError(`${path}${key} must be true or false`);
  return v;
}

function mapOrNull(o: Obj, key: string, path: string): Obj | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw new DecodeError(`${path}${key} must be an object`);
  return v;
}

function eventData(raw: unknown): Obj | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) throw new DecodeError('data must be an object');
  // stripe-go decodes data.object into a map: absent or not an object fails the whole event.
  if (!('object' in raw)) throw new DecodeError('data.object is missing');
  const object = raw.object;
  if (object !== null && !isObject(object)) throw new DecodeError('data.object must be an object');
  return { previous_attributes: mapOrNull(raw, 'previous_attributes', 'data.'), object };
}

function eventRequest(raw: unknown): Obj | null {
  if (raw === undefined || raw === null) return null;
  // Legacy shape: the request id alone.
  if (typeof raw === 'string') return { id: raw, idempotency_key: '' };
  if (!isObject(raw))
    throw new DecodeError('request must be a request id or an object {id, idempotency_key}');
  return { id: str(raw, 'id', 'request.'), idempotency_key: str(raw, 'idempotency_key', 'request.') };
}

/** stripe-go's Event, re-encoded with its JSON tags in field order. */
export function decodeStripeEvent(body: unknown): Decoded<Obj> {
  if (!isObject(body)) return { ok: false, message: 'a Stripe event must be a JSON object' };
  try {
    return {
      ok: true,
      value: {
        account: str(body, 'account', ''),
        api_version: str(body, 'api_version', ''),
        created: int(body, 'created', ''),
        data: eventData(body.data),
        id: str(body, 'id', ''),
        livemode: bool(body, 'livemode', ''),
        object: str(body, 'object', ''),
        pending_webhooks: int(body, 'pending_webhooks', ''),
        request: eventRequest(body.request),
        type: str(body, 'type', ''),
      },
    };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, message: `not a Stripe event: ${e.message}` };
    throw e;
  }
}
