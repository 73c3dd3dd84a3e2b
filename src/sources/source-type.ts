// What each push EventSource type (webhook, github, …) provides to the ingress: the routes its
// spec declares, and how to turn an HTTP request on one of them into events.
import type { ReplyErrorCode } from '../errors/error-catalogue.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { PathSegment } from '../vocabulary/field-path.js';
import type { Problems } from '../vocabulary/problems.js';
import type { Obj } from '../vocabulary/shape-checks.js';

export interface SourceRef {
  namespace: string;
  name: string;
}

/** One event of one EventSource, reachable at port + endpoint. */
export interface RouteSpec {
  source: SourceRef;
  sourceType: string;
  eventName: string;
  port: number;
  endpoint: string;
  /** required HTTP method, upper-case; undefined = any */
  method?: string;
  maxPayloadSize: number;
  /** the event's own config block from the spec */
  config: Record<string, unknown>;
  /** EventSource-level filter.expression, applied before anything is signaled */
  filterExpression?: string;
  tls?: { cert: { name: string; key: string }; key: { name: string; key: string } };
}

export interface IngressRequest {
  method: string;
  /** path + query as received */
  url: string;
  path: string;
  query: URLSearchParams;
  /** lower-cased names; repeated headers keep every value, in order */
  headers: Record<string, string[]>;
  rawBody: Buffer;
  contentType: string;
  receivedAt: number;
}

export interface EventDraft {
  data: unknown;
  /** a stable id (e.g. a delivery id) so redeliveries dedupe; random when absent */
  id?: string;
  /** CloudEvent type; defaults to the source type */
  type?: string;
  /** event time (epoch ms); defaults to when it was received */
  time?: number;
  /** CloudEvent extension attributes (lower-case names), e.g. the sender's traceparent */
  extensions?: Record<string, unknown>;
}

export type HandlerResult =
  | { kind: 'events'; events: EventDraft[]; reply?: { status: number; body: unknown; contentType?: string } }
  | { kind: 'reply'; status: number; body: unknown; contentType?: string }
  | { kind: 'reject'; status: number; code: ReplyErrorCode; message: string };

export interface SourceServices {
  secrets: SecretStore;
  /** outbound HTTP for sources that must call back (SNS confirmation) */
  fetch?: typeof fetch;
}

/** Validation of one event's config block of this type (spec.<type>.<eventName>). */
export type SourceValidator = (p: Problems, cfg: Obj, path: PathSegment[]) => void;

export interface PushSourceType {
  type: string;
  validate: SourceValidator;
  /** routes for every event in this type's block of the spec */
  routes(source: SourceRef, block: Record<string, unknown>): RouteSpec[];
  handle(req: IngressRequest, route: RouteSpec, services: SourceServices): Promise<HandlerResult>;
}

const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

/** The webhook context fields every push source shares (Argo's WebhookContext). */
export function webhookRoute(
  source: SourceRef,
  sourceType: string,
  eventName: string,
  ctx: Record<string, unknown>,
  config: Record<string, unknown>,
  filterExpression?: string,
): RouteSpec {
  const endpoint = String(ctx.endpoint ?? '/');
  const route: RouteSpec = {
    source,
    sourceType,
    eventName,
    port: Number(ctx.port),
    endpoint: endpoint.startsWith('/') ? endpoint : `/${endpoint}`,
    maxPayloadSize:
      typeof ctx.maxPayloadSize === 'number' && ctx.maxPayloadSize > 0
        ? ctx.maxPayloadSize
        : DEFAULT_MAX_PAYLOAD,
    config,
  };
  if (typeof ctx.method === 'string' && ctx.method !== '') route.method = ctx.method.toUpperCase();
  if (filterExpression) route.filterExpression = filterExpression;
  const cert = ctx.serverCertSecret as { name?: string; key?: string } | undefined;
  const key = ctx.serverKeySecret as { name?: string; key?: string } | undefined;
  if (cert?.name && cert.key && key?.name && key.key) {
    route.tls = { cert: { name: cert.name, key: cert.key }, key: { name: key.name, key: key.key } };
  }
  return route;
}
