// The Temporal SDK's worker metrics (task slots, poll latencies, workflow and activity counts)
// come from its Rust core, which exports Prometheus on an address of its own. Eventide binds it
// to a loopback port chosen before the Runtime is installed and re-serves it under /metrics.
import { createServer } from 'node:net';

let address: string | undefined;

async function loopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Picks the core exporter's address; call before the worker installs the Runtime. */
export async function enableCoreMetrics(): Promise<void> {
  address ??= `127.0.0.1:${await loopbackPort()}`;
}

/** Where the Runtime should bind its exporter, when metrics are enabled. */
export function coreMetricsBindAddress(): string | undefined {
  return address;
}

let installed = false;

/** Called once the Runtime was installed with the exporter. */
export function coreMetricsInstalled(): void {
  installed = true;
}

export function coreMetricsUrl(): string | undefined {
  return installed && address ? `http://${address}/metrics` : undefined;
}
