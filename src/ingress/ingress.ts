// The HTTP front door: one server per port that any push EventSource uses. Routes and
// subscriptions follow Temporal through incremental polls (ResourceCache); an accepted request is answered 2xx
// only once every subscribed Sensor has the event (its signal was accepted).
import type { FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import type { EventSourceManifest, SensorManifest } from '../vocabulary/manifest-types.js';
import { ResourceCache } from './resource-cache.js';
import type { EventDraft, RouteSpec, SourceServices } from '../sources/source-type.js';
import { SignalBatcher, signalSenderFor, type SignalBatcherOptions } from '../delivery/signal-batcher.js';
import { SubscriptionIndex } from '../delivery/subscription-index.js';
import { buildRouteTable, type RouteTable } from './route-table.js';
import { buildPortApp, type DispatchOutcome } from './port-app.js';
import { dispatchDrafts, type DispatchWait } from './dispatch.js';
import { decisionsQuery } from '../vocabulary/sensor-api.js';
import { logFunction } from '../logging/logger.js';
import { tlsOptionsFor } from './tls.js';
import { PortRetry } from './port-in-use.js';

export interface IngressOptions {
  client: Client;
  services: SourceServices;
  /** interface to bind (default 0.0.0.0, like Argo's event source pods) */
  host?: string;
  /** how often to re-read EventSources and Sensors from Temporal, ms */
  refreshMs?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** bounds of one coalesced `event` signal */
  batching?: SignalBatcherOptions;
}

interface PortServer {
  app: FastifyInstance;
  bodyLimit: number;
  tlsKey: string;
}

export class Ingress {
  private table: RouteTable = { byPort: new Map(), conflicts: [] };
  private readonly subscriptions: SubscriptionIndex;
  /** Sensors and EventSources, refreshed incrementally */
  readonly resources: ResourceCache;
  /** coalesces events bound for one Sensor while a signal to it is in flight */
  readonly batcher: SignalBatcher;
  private servers = new Map<number, PortServer>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private reportedConflicts = new Set<string>();
  private stopped = false;
  private defaultLog: ((msg: string, fields?: Record<string, unknown>) => void) | undefined;
  private readonly portRetry = new PortRetry((m, f) => this.log(m, f));

  constructor(private readonly opts: IngressOptions) {
    this.resources = new ResourceCache(opts.client);
    // A lookup that finds no Sensor refreshes through the same incremental path.
    this.subscriptions = new SubscriptionIndex(opts.client, 500, async () => {
      await this.refresh();
      return this.resources.list('Sensor').map((s) => s.manifest as SensorManifest);
    });
    this.batcher = new SignalBatcher(signalSenderFor(opts.client), opts.batching);
  }

  private log(msg: string, fields?: Record<string, unknown>) {
    (this.opts.log ?? (this.defaultLog ??= logFunction('ingress')))(msg, fields);
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((e) => this.log('route refresh failed', { error: (e as Error).message }));
    }, this.opts.refreshMs ?? 2000);
    this.timer.unref();
  }

  /** Ports with a listening server and the endpoints on each. */
  listening(): { port: number; endpoints: string[] }[] {
    return [...this.servers.keys()].sort().map((port) => ({
      port,
      endpoints: [...(this.table.byPort.get(port)?.keys() ?? [])].sort(),
    }));
  }

  /** Re-reads EventSources and Sensors and opens / closes ports to match. Concurrent calls share one run. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    if (await this.resources.sync()) {
      const sources = this.resources.list('EventSource');
      this.table = buildRouteTable(sources.map((s) => s.manifest as EventSourceManifest));
      this.subscriptions.set(this.resources.list('Sensor').map((s) => s.manifest as SensorManifest));
      for (const c of this.table.conflicts) {
        if (!this.reportedConflicts.has(c)) this.log('route conflict', { problem: c });
        this.reportedConflicts.add(c);
      }
    }
    // Also when nothing changed: a port that could not listen, or a TLS secret that appeared, is retried.
    if (!this.stopped) await this.reconcileServers();
  }

  private async reconcileServers(): Promise<void> {
    for (const [port, endpoints] of this.table.byPort) {
      const routes = [...endpoints.values()];
      const bodyLimit = Math.max(...routes.map((r) => r.maxPayloadSize));
      const tls = tlsOptionsFor(routes, this.opts.services.secrets);
      if (tls.key === 'missing') {
        // Serving a TLS route over plain HTTP would leak what the sender meant to protect.
        this.log('cannot serve TLS: serverCertSecret or serverKeySecret not found; port not opened', {
          port,
        });
        const stale = this.servers.get(port);
        if (stale) {
          await stale.app.close();
          this.servers.delete(port);
        }
        continue;
      }
      const existing = this.servers.get(port);
      if (existing && existing.bodyLimit >= bodyLimit && existing.tlsKey === tls.key) continue;
      if (!existing && !this.portRetry.due(port)) continue;
      if (existing) {
        await existing.app.close();
        this.servers.delete(port);
      }
      const app = buildPortApp({
        port,
        bodyLimit,
        ...(tls.options ? { https: tls.options } : {}),
        lookup: (path) => this.table.byPort.get(port)?.get(path),
        services: this.opts.services,
        dispatch: (route, drafts, receivedAt, wait) => this.dispatch(route, drafts, receivedAt, wait),
        log: (m, f) => this.log(m, f),
      });
      try {
        await app.listen({ port, host: this.opts.host ?? '0.0.0.0' });
        this.servers.set(port, { app, bodyLimit, tlsKey: tls.key });
        this.log('listening', {
          port,
          endpoints: routes.map((r) => r.endpoint),
          tls: tls.options !== undefined,
        });
      } catch (e) {
        this.portRetry.failed(port, e);
        await app.close().catch(() => undefined);
      }
    }
    for (const [port, s] of this.servers) {
      if (!this.table.byPort.has(port)) {
        await s.app.close();
        this.servers.delete(port);
        this.log('closed', { port });
      }
    }
  }

  private dispatch(
    route: RouteSpec,
    drafts: EventDraft[],
    receivedAt: number,
    wait?: DispatchWait,
  ): Promise<DispatchOutcome> {
    return dispatchDrafts(
      {
        batcher: this.batcher,
        subscribers: (ns, source, event) => this.subscriptions.lookup(ns, source, event),
        log: (m, f) => this.log(m, f),
        decisions: (workflowId) => this.opts.client.workflow.getHandle(workflowId).query(decisionsQuery),
      },
      route,
      drafts,
      receivedAt,
      wait,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing?.catch(() => undefined);
    await Promise.all([...this.servers.values()].map((s) => s.app.close()));
    this.servers.clear();
  }
}
