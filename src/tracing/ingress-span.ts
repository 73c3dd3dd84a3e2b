// The ingress request span (SERVER): a child of the request's `traceparent` header, or the root
// of a new trace when there is none. Events built while it is active carry its context
// (stampEventTrace), which the Sensor and the trigger continue.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CloudEvent } from '../engine/cloudevent.js';
import { activeTracing } from './tracing.js';
import { EVENT_TRACEPARENT, EVENT_TRACESTATE, formatTraceParent } from './trace-context.js';

export function traceIngressRequest(
  port: number,
  req: FastifyRequest,
  reply: FastifyReply,
  handle: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const t = activeTracing();
  if (!t) return handle();
  const { api } = t;
  const parent = api.propagation.extract(api.ROOT_CONTEXT, req.headers);
  const path = req.url.split('?')[0] ?? '/';
  return t.tracer.startActiveSpan(
    `${req.method} ${path}`,
    {
      kind: api.SpanKind.SERVER,
      attributes: {
        'http.request.method': req.method,
        'url.path': path,
        'server.port': port,
        'eventide.component': 'ingress',
      },
    },
    parent,
    async (span) => {
      try {
        const answered = await handle();
        span.setAttribute('http.response.status_code', reply.statusCode);
        if (reply.statusCode >= 500) span.setStatus({ code: api.SpanStatusCode.ERROR });
        return answered;
      } catch (e) {
        span.recordException(e as Error);
        span.setStatus({ code: api.SpanStatusCode.ERROR, message: (e as Error).message });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

/** Records the active span's context in the event, so its trace follows it into the Sensor. */
export function stampEventTrace(event: CloudEvent): void {
  const t = activeTracing();
  if (!t) return;
  const span = t.api.trace.getActiveSpan();
  const ctx = span?.spanContext();
  if (!span || !ctx || !t.api.isSpanContextValid(ctx)) return;
  span.setAttribute('eventide.event.id', event.id);
  event[EVENT_TRACEPARENT] = formatTraceParent(ctx);
  const state = ctx.traceState?.serialize();
  if (state) event[EVENT_TRACESTATE] = state;
}
