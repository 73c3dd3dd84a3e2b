// Starts the OpenTelemetry SDK for a worker or ingress process. Loaded only through
// tracing.ts's dynamic import when tracing is configured, so no other command pays for it.
// The OTLP/HTTP exporter, the sampler (OTEL_TRACES_SAMPLER / _ARG) and the resource
// (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES) all read the standard OTEL_* variables.
import { createRequire } from 'node:module';
import * as api from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ClientInterceptors } from '@temporalio/client';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import { workflowSpanSinks } from './workflow-span-sink.js';

export interface TracingSdk {
  api: typeof api;
  tracer: api.Tracer;
  clientInterceptors: ClientInterceptors;
  /** activity interceptors; the workflow ones live in the bundle (workflowInterceptorModule) */
  workerInterceptors: WorkerInterceptors;
  workflowSinks: InjectedSinks<OpenTelemetrySinks>;
  /** the module bundled into the workflow code when tracing is on */
  workflowInterceptorModule: string;
  /** exports what is buffered (tests call it before reading the receiver) */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const require = createRequire(import.meta.url);

function version(): string | undefined {
  try {
    return (require('../../package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export function startSdk(opts: { exporter?: SpanExporter } = {}): TracingSdk {
  const v = version();
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: 'eventide',
    ...(v ? { [ATTR_SERVICE_VERSION]: v } : {}),
  }).merge(detectResources({ detectors: [envDetector] }));
  const processor: SpanProcessor = new BatchSpanProcessor(opts.exporter ?? new OTLPTraceExporter(), {
    scheduledDelayMillis: 1000,
  });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  // W3C trace context propagator and an AsyncLocalStorage context manager, process-wide.
  provider.register();
  const tracer = api.trace.getTracer('eventide', v);
  return {
    api,
    tracer,
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    workerInterceptors: {
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    workflowSinks: workflowSpanSinks(processor, resource, api.createTraceState),
    workflowInterceptorModule:
      require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      // Unregister, so a later start in the same process (tests) can register again.
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    },
  };
}
