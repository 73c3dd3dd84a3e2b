// The process's tracing state. startTracing() loads and starts the OpenTelemetry SDK only when
// OTEL_* configures an endpoint (tracing-config.ts); until then every helper in this folder is a
// plain function call, and nothing of OpenTelemetry is loaded.
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingSdk } from './start-sdk.js';
import { tracingDecision } from './tracing-config.js';

let sdk: TracingSdk | undefined;
let starting: Promise<TracingSdk | undefined> | undefined;

/** The running SDK, or undefined when this process does not trace. */
export function activeTracing(): TracingSdk | undefined {
  return sdk;
}

/**
 * Starts tracing once per process when the environment configures it (or when a test passes an
 * exporter); later calls return the same SDK.
 */
export function startTracing(
  opts: { env?: NodeJS.ProcessEnv; exporter?: SpanExporter } = {},
): Promise<TracingSdk | undefined> {
  if (sdk) return Promise.resolve(sdk);
  if (!opts.exporter && !tracingDecision(opts.env).enabled) return Promise.resolve(undefined);
  starting ??= import('./start-sdk.js').then(({ startSdk }) => {
    sdk = startSdk(opts.exporter ? { exporter: opts.exporter } : {});
    return sdk;
  });
  return starting;
}

/** Exports buffered spans and stops the SDK (a process stopping). */
export async function stopTracing(): Promise<void> {
  const s = sdk;
  sdk = undefined;
  starting = undefined;
  await s?.shutdown();
}
