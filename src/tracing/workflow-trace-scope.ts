// Workflow side: schedules a trigger activity inside the fire's trace context, so that the
// OpenTelemetry workflow interceptor's `StartActivity` span (and the activity's `RunActivity`
// under it) join the event's trace instead of the long-lived Sensor run's. Without the
// interceptors in the bundle (tracing off) the OpenTelemetry API is a no-op and this just calls fn.
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { parseTraceParent, type FireTrace } from './trace-context.js';

export function inFireTrace<T>(fireTrace: FireTrace | undefined, fn: () => T): T {
  const parsed = fireTrace ? parseTraceParent(fireTrace.traceparent) : undefined;
  if (!parsed) return fn();
  const parent = trace.setSpanContext(context.active(), {
    traceId: parsed.traceId,
    spanId: parsed.spanId,
    traceFlags: parsed.traceFlags & TraceFlags.SAMPLED,
    isRemote: true,
  });
  return context.with(parent, fn);
}
