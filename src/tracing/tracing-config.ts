// Whether this process traces: only when an OTLP endpoint is configured by the standard
// variables, so a process without OTEL_* configuration loads no SDK and pays nothing.
// Pure (reads the environment it is given), so the CLI can ask without loading anything.

export type TracingDecision = { enabled: true } | { enabled: false; reason: string };

export function tracingDecision(env: NodeJS.ProcessEnv = process.env): TracingDecision {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true')
    return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').trim().toLowerCase();
  if (exporters === 'none') return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none' };
  const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').trim();
  if (endpoint === '')
    return { enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT (or _TRACES_ENDPOINT) is set' };
  return { enabled: true };
}
