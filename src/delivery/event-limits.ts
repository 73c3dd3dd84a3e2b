// What one event may weigh before it is signalled: measured on this SDK, JSON.stringify (the
// payload converter) throws past ~4,100 levels of nesting at the top of the stack and far fewer
// inside a busy call chain, which surfaced as `503 … Unable to convert [object Object] to
// payload` and endless sender retries; structuredClone stops near 1,900. Temporal refuses
// payloads over 2 MB and a Sensor must still hold and carry the event across continue-as-new.
// Both limits sit well below those edges so a refused event gets a 4xx that says why.
import type { ReplyErrorCode } from '../errors/error-catalogue.js';
import type { CloudEvent } from '../engine/cloudevent.js';

export const MAX_EVENT_NESTING = 1_000;
export const MAX_EVENT_BYTES = 1024 * 1024;

export type EventLimitVerdict =
  { ok: true; bytes: number } | { ok: false; code: ReplyErrorCode; message: string };

/** Nesting depth of a parsed JSON value, walked without recursion; stops counting past `limit`. */
function nestingDepth(value: unknown, limit = MAX_EVENT_NESTING): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const d = depth + 1;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d]);
    }
  }
  return max;
}

/** Whether a CloudEvent can be signalled and held by a Sensor, with its serialised size when it can. */
export function checkEventLimits(
  event: CloudEvent,
  limits: { maxNesting?: number; maxBytes?: number } = {},
): EventLimitVerdict {
  const maxNesting = limits.maxNesting ?? MAX_EVENT_NESTING;
  const maxBytes = limits.maxBytes ?? MAX_EVENT_BYTES;
  const depth = nestingDepth(event.data, maxNesting);
  if (depth > maxNesting) {
    return {
      ok: false,
      code: 'EVT_ERR_INGRESS_EVENT_TOO_DEEP',
      message: `event data nests deeper than ${maxNesting} levels of objects/arrays, the most a Sensor can hold; flatten the payload`,
    };
  }
  const bytes = Buffer.byteLength(JSON.stringify(event));
  if (bytes > maxBytes) {
    return {
      ok: false,
      code: 'EVT_ERR_INGRESS_EVENT_TOO_LARGE',
      message:
        `event is ${bytes} bytes once encoded (body, headers and metadata), over the ${maxBytes}-byte limit ` +
        `a Sensor can hold (Temporal refuses payloads over 2 MB); send smaller requests, and set the ` +
        `EventSource's maxPayloadSize so oversized bodies are refused before they are read`,
    };
  }
  return { ok: true, bytes };
}
