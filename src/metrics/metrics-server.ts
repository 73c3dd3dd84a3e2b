// `/metrics` for Prometheus on its own port (EVENTIDE_METRICS_PORT, or `metrics.port` of
// startEventide): Eventide's registry, followed by the Temporal SDK worker's own metrics (the
// Runtime's Prometheus exporter on a loopback port, see temporal-core-metrics.ts), in one scrape.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './eventide-metrics.js';
import { coreMetricsUrl } from './temporal-core-metrics.js';

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

async function coreMetricsText(): Promise<string> {
  const url = coreMetricsUrl();
  if (!url) return '';
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok ? await res.text() : `# Temporal SDK metrics unavailable: HTTP ${res.status}\n`;
  } catch (e) {
    return `# Temporal SDK metrics unavailable: ${(e as Error).message}\n`;
  }
}

/** The text a scrape returns. */
async function metricsText(): Promise<string> {
  const [own, core] = await Promise.all([registry.metrics(), coreMetricsText()]);
  return core ? `${own}\n${core}` : own;
}

export async function startMetricsServer(port: number, host = '0.0.0.0'): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics is served here\n');
      return;
    }
    metricsText().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (e: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shown}:${addr.port}/metrics`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** EVENTIDE_METRICS_PORT as a port number; undefined when unset. */
export function metricsPortFrom(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.EVENTIDE_METRICS_PORT;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`EVENTIDE_METRICS_PORT=${raw} is not a port number (0-65535; 0 picks a free one)`);
  return n;
}
