// The `generic` EventSource's listen loop: keep Argo's StartEventSource stream open to the user's
// server, deliver what it streams as Argo's {body, metadata}, and reopen it with backoff whenever
// it ends or fails. The stream has no acknowledgement: what the server sends while no stream is
// open (worker down, reconnecting) is lost unless the server itself keeps and resends it (README).
import { randomBytes } from 'node:crypto';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { EventDraft } from '../source-type.js';
import type { GenericPlan } from './generic-config.js';
import { describeGrpcError, openEventingClient, type StreamedEvent } from './eventing-client.js';

interface GenericCheckpoint {
  delivered: number;
}

type Ctx = ListenerContext<GenericPlan, GenericCheckpoint>;

interface GenericEventData {
  body: unknown;
  metadata?: Record<string, string>;
}

/** events handed to the Sensors at once; the stream is paused while this many wait */
const BATCH = 200;
const HEARTBEAT_EVERY_MS = 1000;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** Argo's GenericEventData: the payload as JSON under jsonBody, else bytes (base64 in JSON). */
function eventData(plan: GenericPlan, payload: Buffer): GenericEventData | undefined {
  let body: unknown = payload.toString('base64');
  if (plan.jsonBody) {
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return undefined;
    }
  }
  return { body, ...(plan.metadata ? { metadata: plan.metadata } : {}) };
}

/**
 * One stream, read until it ends or fails. Ids are `generic:<event name>/<stream>/<position>`:
 * a stream is a fresh random token (positions restart with every stream, and reusing one would
 * drop a new stream's events as duplicates), so a batch re-delivered within the stream dedupes.
 */
async function readStream(
  ctx: Ctx,
  stream: ClientReadableStream<StreamedEvent>,
  checkpoint: GenericCheckpoint,
): Promise<{ received: number; error?: unknown }> {
  const token = randomBytes(6).toString('hex');
  const queue: StreamedEvent[] = [];
  let done: { error?: unknown } | undefined;
  let wake: (() => void) | undefined;
  stream.on('data', (ev: StreamedEvent) => {
    queue.push(ev);
    if (queue.length >= BATCH) stream.pause(); // backpressure: HTTP/2 flow control holds the rest
    wake?.();
  });
  stream.on('error', (error: unknown) => {
    done = { error };
    wake?.();
  });
  stream.on('end', () => {
    done ??= {};
    wake?.();
  });
  let position = 0;
  for (;;) {
    if (queue.length === 0) {
      if (done) return { received: position, ...done };
      await Promise.race([new Promise<void>((r) => (wake = r)), ctx.sleep(HEARTBEAT_EVERY_MS)]);
      wake = undefined;
      continue;
    }
    const batch = queue.splice(0, BATCH);
    stream.resume();
    const drafts: EventDraft[] = [];
    for (const ev of batch) {
      const at = position++;
      const data = eventData(ctx.config, ev.payload);
      if (!data) {
        ctx.log.warn('generic: event dropped: payload is not JSON (jsonBody is true)', {
          event: ctx.eventName,
          position: at,
        });
        continue;
      }
      drafts.push({ id: `generic:${ev.name || ctx.eventName}/${token}/${at}`, data });
    }
    if (drafts.length > 0) await ctx.deliver(drafts);
    checkpoint.delivered += drafts.length;
  }
}

export async function listenGeneric(ctx: Ctx): Promise<void> {
  const plan = ctx.config;
  const checkpoint: GenericCheckpoint = { delivered: ctx.checkpoint?.delivered ?? 0 };
  const beat = setInterval(() => ctx.heartbeat(checkpoint), HEARTBEAT_EVERY_MS);
  ctx.heartbeat(checkpoint);
  const client = await openEventingClient(plan.url, plan.insecure);
  let stream: ClientReadableStream<StreamedEvent> | undefined;
  const cancel = () => stream?.cancel();
  ctx.signal.addEventListener('abort', cancel);
  let retryMs = FIRST_RETRY_MS;
  try {
    for (;;) {
      // Read on every (re)connect, so a rotated token is picked up.
      const token = plan.authSecret ? resolveSecret(ctx.secrets, plan.authSecret, 'authSecret') : undefined;
      stream = client.start(ctx.eventName, plan.config, token);
      ctx.log.info('generic: stream opened', { url: plan.url, event: ctx.eventName });
      const r = await readStream(ctx, stream, checkpoint);
      if (ctx.signal.aborted) return;
      if (r.received > 0) retryMs = FIRST_RETRY_MS;
      ctx.log.warn('generic: stream closed, not consuming; reopening', {
        url: plan.url,
        event: ctx.eventName,
        received: r.received,
        reason: r.error === undefined ? 'the server ended the stream' : describeGrpcError(r.error),
        retryInMs: retryMs,
      });
      await ctx.sleep(retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  } finally {
    ctx.signal.removeEventListener('abort', cancel);
    clearInterval(beat);
    stream?.cancel();
    client.close();
  }
}
