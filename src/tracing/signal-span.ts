// Signals carrying events to a Sensor. A signal carries one Temporal header, so one trace
// context, but a batch may hold events of several traces:
// - every event from one trace (one request, or one event): the signal is sent inside that
//   trace, so the Temporal client interceptor's `SignalWorkflow:event` span and the workflow's
//   `HandleSignal:event` are children of the ingress span;
// - events from several traces: a `send events` PRODUCER span starts a trace of its own with a
//   link to each event's context (the OpenTelemetry messaging convention for batches). No trace
//   is made the parent of the others' signal; each event still carries its own context in its
//   data, so its trigger continues its own trace.
import type { CloudEvent } from '../engine/cloudevent.js';
import { activeTracing } from './tracing.js';
import { eventTraceContext, parseTraceParent } from './trace-context.js';

type SignalSender = (workflowId: string, events: CloudEvent[]) => Promise<void>;

export function tracedSignalSender(send: SignalSender): SignalSender {
  return (workflowId: string, events: CloudEvent[]) => {
    const t = activeTracing();
    if (!t) return send(workflowId, events);
    const { api } = t;
    const contexts = new Map<string, { traceparent: string; tracestate?: string }>();
    for (const e of events) {
      const c = eventTraceContext(e);
      if (c) contexts.set(c.traceparent, c);
    }
    const attributes = {
      'messaging.system': 'temporal',
      'messaging.operation.type': 'send',
      'messaging.destination.name': workflowId,
      'messaging.batch.message_count': events.length,
    };
    // Events without a context (listener sources): the signal starts a trace of its own.
    if (contexts.size === 0) return api.context.with(api.ROOT_CONTEXT, () => send(workflowId, events));
    if (contexts.size === 1) {
      const only = [...contexts.values()][0]!;
      const carrier: Record<string, string> = { traceparent: only.traceparent };
      if (only.tracestate) carrier.tracestate = only.tracestate;
      // Not under whatever request happened to flush the batcher: under the events' own trace.
      const parent = api.propagation.extract(api.ROOT_CONTEXT, carrier);
      return api.context.with(parent, () => send(workflowId, events));
    }
    const links = [...contexts.values()].flatMap((c) => {
      const p = parseTraceParent(c.traceparent);
      return p ? [{ context: { ...p, isRemote: true } }] : [];
    });
    return t.tracer.startActiveSpan(
      'send events',
      { kind: api.SpanKind.PRODUCER, attributes, links, root: true },
      async (span) => {
        try {
          await send(workflowId, events);
        } catch (e) {
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: (e as Error).message });
          throw e;
        } finally {
          span.end();
        }
      },
    );
  };
}
