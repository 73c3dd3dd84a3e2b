// Module hooks for a child process: appends to $RECORD_OTEL_IMPORTS every OpenTelemetry SDK or
// exporter module it imports, so a test can assert a process without OTEL_* loads none.
import { appendFileSync } from 'node:fs';

const SDK = /@opentelemetry[/+](sdk-|exporter-|resources|otlp-|context-async-hooks)/;

export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (SDK.test(r.url) && process.env.RECORD_OTEL_IMPORTS)
    appendFileSync(process.env.RECORD_OTEL_IMPORTS, `${r.url}\n`);
  return r;
}
