// The `exporter` sink the OpenTelemetry workflow interceptors call with the spans they made in
// the workflow sandbox. The interceptors (1.24) build 1.x-shaped spans (parentSpanId,
// instrumentationLibrary) while Eventide runs the 2.x SDK, whose exporters read
// parentSpanContext and instrumentationScope: this sink converts them, then hands them to the
// same span processor as every other span. Not called during replay (sinks default to that),
// so a replayed workflow task exports nothing twice.
import type { SpanContext } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { InjectedSinks } from '@temporalio/worker';
import type { OpenTelemetrySinks, SerializableSpan } from '@temporalio/interceptors-opentelemetry';
import type { createTraceState as CreateTraceState } from '@opentelemetry/api';

export function toReadableSpan(
  s: SerializableSpan,
  resource: Resource,
  createTraceState: typeof CreateTraceState,
  extraAttributes: Record<string, string> = {},
): ReadableSpan {
  const { traceState, ...rest } = s.spanContext;
  const spanContext: SpanContext = traceState ? { ...rest, traceState: createTraceState(traceState) } : rest;
  const parentSpanContext: SpanContext | undefined = s.parentSpanId
    ? {
        traceId: spanContext.traceId,
        spanId: s.parentSpanId,
        traceFlags: spanContext.traceFlags,
        isRemote: true,
      }
    : undefined;
  const scope = s.instrumentationLibrary as { name: string; version?: string; schemaUrl?: string };
  return {
    name: s.name,
    kind: s.kind,
    spanContext: () => spanContext,
    ...(parentSpanContext ? { parentSpanContext } : {}),
    startTime: s.startTime,
    endTime: s.endTime,
    status: s.status,
    attributes: { ...s.attributes, ...extraAttributes },
    links: s.links,
    events: s.events,
    duration: s.duration,
    ended: s.ended,
    resource,
    instrumentationScope: scope,
    droppedAttributesCount: s.droppedAttributesCount,
    droppedEventsCount: s.droppedEventsCount,
    droppedLinksCount: s.droppedLinksCount,
  };
}

export function workflowSpanSinks(
  processor: SpanProcessor,
  resource: Resource,
  createTraceState: typeof CreateTraceState,
): InjectedSinks<OpenTelemetrySinks> {
  return {
    exporter: {
      export: {
        fn: (info, spans) => {
          for (const s of spans)
            processor.onEnd(
              toReadableSpan(s, resource, createTraceState, {
                'temporal.workflow.id': info.workflowId,
                'temporal.run.id': info.runId,
                'temporal.workflow.type': info.workflowType,
              }),
            );
        },
      },
    },
  };
}
