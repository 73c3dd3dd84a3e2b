// Activity side: one span per fire (CLIENT: the call to the trigger's target), in the trace of
// the fire's event. For `runTrigger` the activity's own `RunActivity` span is already in that
// trace (the workflow scheduled it inside the event's context) and becomes the parent; in a
// `runTriggerBatch`, whose activity span belongs to one trace at most, each fire's span is a
// child of ITS event's context with a link to the batch's activity span. Triggers read the
// active context (injectTraceHeaders) to pass it on to their target.
import type { SpanContext } from '@opentelemetry/api';
import type { FireEffect, SensorRef } from '../engine/types.js';
import { activeTracing } from './tracing.js';
import { parseTraceParent, type FireTrace } from './trace-context.js';

export function inFireSpan<T>(
  sensor: SensorRef,
  fire: FireEffect,
  attempt: number,
  trace: FireTrace | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const t = activeTracing();
  if (!t) return run();
  const { api } = t;
  const ambient = api.context.active();
  const activitySpan = api.trace.getSpanContext(ambient);
  const wanted = trace ? parseTraceParent(trace.traceparent) : undefined;
  const links: { context: SpanContext }[] = [];
  let parent = ambient;
  if (wanted && wanted.traceId !== activitySpan?.traceId) {
    const carrier: Record<string, string> = { traceparent: trace!.traceparent };
    if (trace!.tracestate) carrier.tracestate = trace!.tracestate;
    parent = api.propagation.extract(api.ROOT_CONTEXT, carrier);
    if (activitySpan && api.isSpanContextValid(activitySpan)) links.push({ context: activitySpan });
  }
  for (const l of trace?.links ?? []) {
    const p = parseTraceParent(l);
    if (p) links.push({ context: { ...p, isRemote: true } });
  }
  return t.tracer.startActiveSpan(
    `trigger ${fire.trigger}`,
    {
      kind: api.SpanKind.CLIENT,
      links,
      attributes: {
        'eventide.sensor': `${sensor.namespace}/${sensor.name}`,
        'eventide.trigger': fire.trigger,
        'eventide.trigger.type': fire.triggerType,
        'eventide.fire.id': fire.fireId,
        'eventide.fire.attempt': attempt,
        ...(fire.dlqOf ? { 'eventide.fire.dlq_of': fire.dlqOf } : {}),
      },
    },
    parent,
    async (span) => {
      try {
        return await run();
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

/** Adds `traceparent` (and `tracestate`) of the active span to an outgoing request's headers. */
export function injectTraceHeaders(headers: Headers): void {
  const t = activeTracing();
  if (!t) return;
  t.api.propagation.inject(t.api.context.active(), headers, {
    set: (carrier, key, value) => carrier.set(key, value),
  });
}
