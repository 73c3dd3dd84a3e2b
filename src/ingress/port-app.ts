// One port's HTTP server: finds the route for a path, checks method and size, runs the source
// type's handler and hands the resulting events to `dispatch`. Knows nothing of Temporal, so
// it is tested with fastify's inject().
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { pushSourceType } from '../sources/registry.js';
import type { EventDraft, IngressRequest, RouteSpec, SourceServices } from '../sources/source-type.js';
import { sendError } from './ingress-errors.js';
import type { ReplyErrorCode } from '../errors/error-catalogue.js';
import type { SensorDecision } from './await-decisions.js';
import { waitRequested } from './reply-wait.js';
import { eventsProcessingFailed, ingressRequestDuration } from '../metrics/eventide-metrics.js';
import { logger } from '../logging/logger.js';
import { traceIngressRequest } from '../tracing/ingress-span.js';

export type DispatchOutcome =
  | {
      ok: true;
      ids: string[];
      /** Sensors that received at least one of the events */
      sensors: number;
      /** events the EventSource filter dropped */
      filtered?: number;
      /** with wait: what each Sensor decided, and who did not decide in time */
      decisions?: SensorDecision[];
      pending?: { sensor: string; event: string }[];
    }
  | { ok: false; code: ReplyErrorCode; message: string };

export interface PortAppOptions {
  port: number;
  bodyLimit: number;
  https?: { cert: string; key: string };
  /** the route serving a path on this port, looked up per request so routes can change live */
  lookup: (path: string) => RouteSpec | undefined;
  services: SourceServices;
  /** delivers the events of one accepted request; answers 2xx only when it resolves ok */
  dispatch: (
    route: RouteSpec,
    drafts: EventDraft[],
    receivedAt: number,
    wait?: { timeoutMs: number },
  ) => Promise<DispatchOutcome>;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

function headerMap(req: FastifyRequest): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < req.raw.rawHeaders.length; i += 2) {
    const name = req.raw.rawHeaders[i]!.toLowerCase();
    (headers[name] ??= []).push(req.raw.rawHeaders[i + 1]!);
  }
  return headers;
}

export function buildPortApp(o: PortAppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: o.bodyLimit,
    ...(o.https ? { https: o.https } : {}),
  }) as unknown as FastifyInstance;
  app.removeAllContentTypeParsers();
  // Every body arrives raw: signatures are computed over the exact bytes, and each source type parses its own.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(
        reply,
        'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE',
        `request body exceeds ${o.bodyLimit} bytes`,
      );
    }
    const clientError = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500;
    return sendError(
      reply,
      clientError ? 'EVT_ERR_INGRESS_BAD_REQUEST' : 'EVT_ERR_INGRESS_INTERNAL',
      err.message,
    );
  });
  app.get('/health', async (_req, reply) => reply.type('text/plain').send('OK'));
  // Request logs at debug (EVENTIDE_LOG_LEVEL=debug), as one line per answered request.
  const requestLog = logger().child({ component: 'ingress-http', port: o.port });
  app.addHook('onResponse', async (req, reply) => {
    if (requestLog.isLevelEnabled('debug')) {
      requestLog.debug(
        {
          method: req.method,
          path: req.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request',
      );
    }
    const route = o.lookup(new URL(req.url, 'http://ingress').pathname);
    if (!route) return;
    ingressRequestDuration.observe(
      {
        namespace: route.source.namespace,
        eventsource_name: route.source.name,
        event_name: route.eventName,
        code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  const handler = (req: FastifyRequest, reply: FastifyReply) =>
    traceIngressRequest(o.port, req, reply, () => handle(o, req, reply));
  app.all('/*', handler);
  app.all('/', handler);
  return app;
}

async function handle(o: PortAppOptions, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const receivedAt = Date.now();
  const url = new URL(req.url, 'http://ingress');
  const route = o.lookup(url.pathname);
  if (!route) {
    return sendError(
      reply,
      'EVT_ERR_INGRESS_ROUTE_NOT_FOUND',
      `no EventSource listens on port ${o.port} at ${url.pathname}`,
    );
  }
  if (route.method && route.method !== req.method) {
    return sendError(
      reply,
      'EVT_ERR_INGRESS_METHOD_MISMATCH',
      `${route.source.name}/${route.eventName} accepts ${route.method}, got ${req.method}`,
    );
  }
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (rawBody.length > route.maxPayloadSize) {
    return sendError(
      reply,
      'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE',
      `request body exceeds maxPayloadSize ${route.maxPayloadSize} bytes`,
    );
  }
  const headers = headerMap(req);
  const wait = waitRequested(url.searchParams, headers);
  if (wait && 'error' in wait) return sendError(reply, 'EVT_ERR_INGRESS_BAD_REQUEST', wait.error);
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
    return sendError(reply, 'EVT_ERR_INGRESS_INTERNAL', `no handler for source type ${route.sourceType}`);
  let result;
  try {
    result = await impl.handle(ireq, route, o.services);
  } catch (e) {
    o.log?.('handler failed', {
      source: route.source.name,
      event: route.eventName,
      error: (e as Error).message,
    });
    return sendError(
      reply,
      'EVT_ERR_INGRESS_INTERNAL',
      'the event source handler failed; see the ingress log',
    );
  }
  if (result.kind === 'reject') {
    eventsProcessingFailed.inc({
      namespace: route.source.namespace,
      eventsource_name: route.source.name,
      event_name: route.eventName,
    });
    // Handler messages never carry secrets, so operators can see why a request was refused.
    o.log?.('request refused', {
      source: route.source.name,
      event: route.eventName,
      status: result.status,
      code: result.code,
      reason: result.message,
    });
    return sendError(reply, result.code, result.message);
  }
  if (result.kind === 'reply') {
    return reply
      .code(result.status)
      .type(result.contentType ?? 'application/json')
      .send(result.body);
  }
  const outcome = await o.dispatch(route, result.events, receivedAt, wait);
  if (!outcome.ok) return sendError(reply, outcome.code, outcome.message);
  // A source's own reply (Slack's ack, …) is what its sender expects; only a wait overrides it.
  if (result.reply && !wait) {
    return reply
      .code(result.reply.status)
      .type(result.reply.contentType ?? 'application/json')
      .send(result.reply.body);
  }
  return replyFor(reply, route, outcome);
}

/** README "Webhook replies" documents these bodies. */
function replyFor(
  reply: FastifyReply,
  route: RouteSpec,
  outcome: Extract<DispatchOutcome, { ok: true }>,
): FastifyReply {
  const { ids: events, sensors, filtered } = outcome;
  const counts = { events, sensors, ...(filtered ? { filtered } : {}) };
  reply.header('eventide-sensors', String(sensors));
  if (events.length === 0) return reply.code(200).send({ status: 'filtered', ...counts });
  if (sensors === 0) {
    return reply.code(200).send({
      status: 'no-sensors',
      ...counts,
      message: `no Sensor subscribes to ${route.source.name}/${route.eventName}; the event was not kept`,
    });
  }
  if (outcome.decisions) {
    const pending = outcome.pending ?? [];
    return reply.code(pending.length > 0 ? 202 : 200).send({
      status: pending.length > 0 ? 'pending' : 'decided',
      ...counts,
      decisions: outcome.decisions,
      ...(pending.length > 0 ? { pending } : {}),
    });
  }
  return reply.code(200).send({ status: 'accepted', ...counts });
}
