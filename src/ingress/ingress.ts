// The HTTP front door: one fastify server per port that any push EventSource uses, routing
// requests to the source type's handler and delivering the resulting events to the Sensors
// that subscribe to them. Answers 2xx only once every subscribed Sensor has the event.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Client } from '@temporalio/client';
import type { EventSourceManifest, SensorManifest } from '../manifest/types.js';
import { listResources } from '../control/resources.js';
import { pushSourceType } from '../sources/registry.js';
import type { IngressRequest, SourceServices } from '../sources/source-type.js';
import { buildRouteTable, buildSubscriptions, subscriptionKey, type RouteTable } from './route-table.js';
import { deliver, toCloudEvent } from './deliver.js';
import { sendError } from './ingress-errors.js';
import { routeFilterVerdict } from './route-filter.js';
import { tlsOptionsFor } from './tls.js';

export interface IngressOptions {
  client: Client;
  services: SourceServices;
  /** interface to bind (default 0.0.0.0, like Argo's event source pods) */
  host?: string;
  /** how often to re-read EventSources and Sensors from Temporal, ms */
  refreshMs?: number;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

interface PortServer {
  app: FastifyInstance;
  bodyLimit: number;
  tlsKey: string;
}

export class Ingress {
  private table: RouteTable = { byPort: new Map(), conflicts: [] };
  private subscriptions = new Map<string, string[]>();
  private servers = new Map<number, PortServer>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private lastRefresh = 0;
  private reportedConflicts = new Set<string>();
  private stopped = false;

  constructor(private readonly opts: IngressOptions) {}

  private log(msg: string, fields?: Record<string, unknown>) {
    (
      this.opts.log ??
      ((m, f) => console.error(JSON.stringify({ level: 'info', component: 'ingress', msg: m, ...f })))
    )(msg, fields);
  }

  async start(): Promise<void> {
    await this.refresh();
    const every = this.opts.refreshMs ?? 2000;
    this.timer = setInterval(() => {
      this.refresh().catch((e) => this.log('route refresh failed', { error: (e as Error).message }));
    }, every);
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
    const [sources, sensors] = await Promise.all([
      listResources(this.opts.client, 'EventSource'),
      listResources(this.opts.client, 'Sensor'),
    ]);
    this.lastRefresh = Date.now();
    this.table = buildRouteTable(sources.map((s) => s.manifest as EventSourceManifest));
    this.subscriptions = buildSubscriptions(sensors.map((s) => s.manifest as SensorManifest));
    for (const c of this.table.conflicts) {
      if (!this.reportedConflicts.has(c)) this.log('route conflict', { problem: c });
      this.reportedConflicts.add(c);
    }
    if (this.stopped) return;
    await this.reconcileServers();
  }

  private async reconcileServers(): Promise<void> {
    for (const [port, endpoints] of this.table.byPort) {
      const routes = [...endpoints.values()];
      const bodyLimit = Math.max(...routes.map((r) => r.maxPayloadSize));
      const tls = tlsOptionsFor(routes, this.opts.services.secrets);
      const existing = this.servers.get(port);
      if (existing && existing.bodyLimit >= bodyLimit && existing.tlsKey === tls.key) continue;
      if (existing) {
        await existing.app.close();
        this.servers.delete(port);
      }
      const app = this.buildServer(port, bodyLimit, tls.options);
      try {
        await app.listen({ port, host: this.opts.host ?? '0.0.0.0' });
        this.servers.set(port, { app, bodyLimit, tlsKey: tls.key });
        this.log('listening', {
          port,
          endpoints: routes.map((r) => r.endpoint),
          tls: tls.options !== undefined,
        });
      } catch (e) {
        this.log('cannot listen', { port, error: (e as Error).message });
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

  private buildServer(
    port: number,
    bodyLimit: number,
    https: { cert: string; key: string } | undefined,
  ): FastifyInstance {
    const app = Fastify({
      logger: false,
      bodyLimit,
      ...(https ? { https } : {}),
    }) as unknown as FastifyInstance;
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
      if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendError(
          reply,
          413,
          'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE',
          `request body exceeds ${bodyLimit} bytes`,
        );
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      return sendError(
        reply,
        status,
        status === 500 ? 'EVT_ERR_INGRESS_INTERNAL' : 'EVT_ERR_INGRESS_BAD_REQUEST',
        err.message,
      );
    });
    app.get('/health', async (_req, reply) => reply.type('text/plain').send('OK'));
    app.all('/*', (req, reply) => this.handle(port, req, reply));
    app.all('/', (req, reply) => this.handle(port, req, reply));
    return app;
  }

  private async handle(port: number, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const receivedAt = Date.now();
    const url = new URL(req.url, 'http://ingress');
    const route = this.table.byPort.get(port)?.get(url.pathname);
    if (!route) {
      return sendError(
        reply,
        404,
        'EVT_ERR_INGRESS_ROUTE_NOT_FOUND',
        `no EventSource listens on port ${port} at ${url.pathname}`,
      );
    }
    if (route.method && route.method !== req.method) {
      return sendError(
        reply,
        400,
        'EVT_ERR_INGRESS_METHOD_MISMATCH',
        `${route.source.name}/${route.eventName} accepts ${route.method}, got ${req.method}`,
      );
    }
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (rawBody.length > route.maxPayloadSize) {
      return sendError(
        reply,
        413,
        'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE',
        `request body exceeds maxPayloadSize ${route.maxPayloadSize} bytes`,
      );
    }
    const headers: Record<string, string[]> = {};
    for (let i = 0; i < req.raw.rawHeaders.length; i += 2) {
      const name = req.raw.rawHeaders[i]!.toLowerCase();
      (headers[name] ??= []).push(req.raw.rawHeaders[i + 1]!);
    }
    const ireq: IngressRequest = {
      method: req.method,
      url: req.url,
      path: url.pathname,
      query: url.searchParams,
      headers,
      rawBody,
      contentType: headers['content-type']?.[0] ?? '',
      receivedAt,
    };
    const impl = pushSourceType(route.sourceType);
    if (!impl)
      return sendError(
        reply,
        500,
        'EVT_ERR_INGRESS_INTERNAL',
        `no handler for source type ${route.sourceType}`,
      );
    let result;
    try {
      result = await impl.handle(ireq, route, this.opts.services);
    } catch (e) {
      this.log('handler failed', {
        source: route.source.name,
        event: route.eventName,
        error: (e as Error).message,
      });
      return sendError(
        reply,
        500,
        'EVT_ERR_INGRESS_INTERNAL',
        'the event source handler failed; see the ingress log',
      );
    }
    if (result.kind === 'reject') return sendError(reply, result.status, result.code, result.message);
    if (result.kind === 'reply') {
      return reply
        .code(result.status)
        .type(result.contentType ?? 'application/json')
        .send(result.body);
    }
    const ids: string[] = [];
    for (const draft of result.events) {
      const filter = routeFilterVerdict(route, draft.data);
      if (!filter.pass) {
        this.log('event filtered out by the EventSource filter', {
          source: route.source.name,
          event: route.eventName,
          reason: filter.reason,
        });
        continue;
      }
      const event = toCloudEvent(route, draft, receivedAt);
      const key = subscriptionKey(route.source.namespace, route.source.name, route.eventName);
      let targets = this.subscriptions.get(key) ?? [];
      if (targets.length === 0 && Date.now() - this.lastRefresh > 500) {
        // A Sensor applied moments ago may not be in the table yet.
        await this.refresh();
        targets = this.subscriptions.get(key) ?? [];
      }
      const report = await deliver(this.opts.client, targets, event);
      if (report.failed.length > 0) {
        this.log('delivery failed', { event: event.id, failed: report.failed });
        return sendError(
          reply,
          503,
          'EVT_ERR_INGRESS_DELIVERY_FAILED',
          `event ${event.id} could not be delivered to ${report.failed.length} Sensor(s); retry the request`,
        );
      }
      ids.push(event.id);
    }
    if (result.reply)
      return reply
        .code(result.reply.status)
        .type(result.reply.contentType ?? 'application/json')
        .send(result.reply.body);
    return reply.code(200).send({ status: 'accepted', events: ids });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing?.catch(() => undefined);
    await Promise.all([...this.servers.values()].map((s) => s.app.close()));
    this.servers.clear();
  }
}
