// Composes a running Eventide: Temporal (an embedded dev server unless an address is given),
// the worker, the ingress, and optionally the manifests of a directory. Used by `eventide dev`,
// `eventide worker`, `eventide ingress` and the integration tests.
import type { Worker } from '@temporalio/worker';
import type { Client, Connection } from '@temporalio/client';
import { startDevServer, type DevServer, type DevServerOptions } from '../temporal/dev-server.js';
import { connectClient, ensureSearchAttributes } from '../temporal/connect.js';
import { createEventideWorker } from './worker.js';
import { closeTriggerConnections } from '../../activities/triggers/trigger-connections.js';
import { Ingress } from '../ingress/ingress.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { startRuntimeSecrets } from '../secrets/runtime-secret-store.js';
import { applyResource, type AppliedResource } from '../control/resources.js';
import type { Manifest } from '../vocabulary/manifest-types.js';
import type { SensorWorkflowOptions } from '../vocabulary/sensor-api.js';
import { metricsPortFrom, startMetricsServer } from '../metrics/metrics-server.js';
import { enableCoreMetrics } from '../metrics/temporal-core-metrics.js';
import { startTracing } from '../tracing/tracing.js';

export interface StartOptions {
  /** Temporal frontend; undefined starts an embedded dev server */
  address?: string;
  namespace?: string;
  taskQueue?: string;
  devServer?: DevServerOptions;
  worker?: boolean;
  ingress?: boolean | { host?: string; refreshMs?: number };
  /** default: environment, files, and Kubernetes Secrets in a cluster (README "Secrets") */
  secrets?: SecretStore;
  /** manifests applied once everything runs */
  manifests?: Manifest[];
  sensorOptions?: SensorWorkflowOptions;
  logLine?: (line: string) => void;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Prometheus `/metrics` on this port (0 = any free one); default EVENTIDE_METRICS_PORT, else none */
  metrics?: { port: number; host?: string } | false;
}

export interface RunningEventide {
  address: string;
  namespace: string;
  taskQueue: string;
  uiUrl?: string;
  /** where Prometheus scrapes, when metrics are served */
  metricsUrl?: string;
  client: Client;
  connection: Connection;
  devServer?: DevServer;
  worker?: Worker;
  ingress?: Ingress;
  applied: AppliedResource[];
  /** resolves when the worker stops (or never, without a worker) */
  workerDone: Promise<void>;
  stop(): Promise<void>;
}

export async function startEventide(o: StartOptions = {}): Promise<RunningEventide> {
  const namespace = o.namespace ?? 'default';
  const taskQueue = o.taskQueue ?? 'eventide';
  let devServer: DevServer | undefined;
  let address = o.address;
  if (!address) {
    devServer = await startDevServer({ ...o.devServer, namespace });
    address = devServer.address;
  }
  // Tracing only where events flow (worker, ingress), and only when OTEL_* configures it.
  const tracing = o.worker !== false || o.ingress !== false ? await startTracing() : undefined;
  const { client, connection } = await connectClient(
    address,
    namespace,
    tracing ? { interceptors: tracing.clientInterceptors } : {},
  );
  const cleanup: (() => Promise<void>)[] = [];
  if (tracing) cleanup.push(() => tracing.flush());
  try {
    if (!devServer) await ensureSearchAttributes(connection, namespace);
    let secrets = o.secrets;
    if (!secrets) {
      // Env, files, and Kubernetes Secrets when in a cluster: loaded before anything serves.
      const runtimeSecrets = await startRuntimeSecrets();
      cleanup.push(() => runtimeSecrets.stop());
      secrets = runtimeSecrets.store;
    }
    const metricsPort = o.metrics === undefined ? metricsPortFrom() : o.metrics ? o.metrics.port : undefined;
    let metricsUrl: string | undefined;
    if (metricsPort !== undefined) {
      // Before the worker installs the Runtime, which binds the SDK's exporter once per process.
      await enableCoreMetrics();
      const host = o.metrics ? o.metrics.host : undefined;
      const server = await startMetricsServer(metricsPort, host);
      cleanup.push(() => server.close());
      metricsUrl = server.url;
    }
    let worker: Worker | undefined;
    let workerDone: Promise<void> = new Promise(() => undefined);
    if (o.worker !== false) {
      const w = await createEventideWorker({
        address,
        namespace,
        taskQueue,
        client,
        services: { secrets, ...(o.logLine ? { logLine: o.logLine } : {}) },
      });
      worker = w.worker;
      workerDone = w.worker.run().finally(() => closeTriggerConnections().then(() => w.connection.close()));
      cleanup.push(async () => {
        if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
        await workerDone.catch(() => undefined);
      });
    }
    let ingress: Ingress | undefined;
    if (o.ingress !== false) {
      const io = typeof o.ingress === 'object' ? o.ingress : {};
      ingress = new Ingress({
        client,
        services: { secrets },
        ...(io.host ? { host: io.host } : {}),
        ...(io.refreshMs ? { refreshMs: io.refreshMs } : {}),
        ...(o.log ? { log: o.log } : {}),
      });
      cleanup.push(() => ingress!.stop());
    }
    const applied: AppliedResource[] = [];
    const ordered = [...(o.manifests ?? [])].sort((a, b) =>
      a.kind === b.kind ? 0 : a.kind === 'EventSource' ? -1 : 1,
    );
    for (const m of ordered) {
      applied.push(
        await applyResource(client, m, {
          taskQueue,
          ...(o.sensorOptions ? { sensorOptions: o.sensorOptions } : {}),
        }),
      );
    }
    await ingress?.start();
    const running: RunningEventide = {
      address,
      namespace,
      taskQueue,
      client,
      connection,
      applied,
      workerDone,
      async stop() {
        for (const c of cleanup.reverse()) await c().catch(() => undefined);
        await connection.close().catch(() => undefined);
        // The dev server may have been replaced (a restart in a fault test): stop the current one.
        await running.devServer?.stop();
      },
    };
    if (devServer) running.devServer = devServer;
    if (devServer?.uiUrl) running.uiUrl = devServer.uiUrl;
    if (metricsUrl) running.metricsUrl = metricsUrl;
    if (worker) running.worker = worker;
    if (ingress) running.ingress = ingress;
    return running;
  } catch (e) {
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
    await connection.close().catch(() => undefined);
    await devServer?.stop();
    throw e;
  }
}
