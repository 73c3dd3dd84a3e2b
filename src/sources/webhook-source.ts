// Argo's `webhook` EventSource: any HTTP request on the endpoint becomes an event
// {header, body, metadata}; an optional bearer token guards it.
import { timingSafeEqual } from 'node:crypto';
import type {
  HandlerResult,
  IngressRequest,
  PushSourceType,
  RouteSpec,
  SourceServices,
} from './source-type.js';
import { webhookRoute } from './source-type.js';
import { parseRequestBody } from './request-body.js';
import { checkWebhookContext } from './webhook-context-rules.js';
import { checkSourceFilter } from './source-filter.js';

export const MASKED_AUTH = '*** Masked Auth Secret ***';

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** Header map as Go's http.Header marshals it: canonical names, every value in a list. */
export function goHeaderMap(headers: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    const canonical = k.replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
    out[canonical] = v;
  }
  return out;
}

export function checkBearer(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
): HandlerResult | undefined {
  const ref = route.config.authSecret as { name?: string; key?: string } | undefined;
  if (!ref?.name || !ref.key) return undefined;
  const token = services.secrets.tryGet({ name: ref.name, key: ref.key });
  if (token === undefined) {
    return {
      kind: 'reject',
      status: 500,
      code: 'EVT_ERR_INGRESS_SECRET_MISSING',
      message: 'auth secret is not configured on this server',
    };
  }
  const header = req.headers.authorization?.[0] ?? '';
  if (!header.startsWith('Bearer ')) {
    return {
      kind: 'reject',
      status: 401,
      code: 'EVT_ERR_INGRESS_UNAUTHORIZED',
      message: 'missing or malformed Authorization: Bearer header',
    };
  }
  if (!constantTimeEqual(header.slice('Bearer '.length), token)) {
    return {
      kind: 'reject',
      status: 401,
      code: 'EVT_ERR_INGRESS_UNAUTHORIZED',
      message: 'invalid bearer token',
    };
  }
  return undefined;
}

export const webhookSource: PushSourceType = {
  type: 'webhook',
  validate(p, cfg, path) {
    checkWebhookContext(p, cfg, path);
    checkSourceFilter(p, cfg.filter, [...path, 'filter']);
  },
  routes(source, block) {
    return Object.entries(block).map(([eventName, cfg]) => {
      const c = (cfg ?? {}) as Record<string, unknown>;
      const filter = (c.filter as { expression?: string } | undefined)?.expression;
      return webhookRoute(source, 'webhook', eventName, c, c, filter);
    });
  },
  async handle(req, route, services) {
    const denied = checkBearer(req, route, services);
    if (denied) return denied;
    const headers = { ...req.headers };
    if (headers.authorization) headers.authorization = [MASKED_AUTH];
    const body = parseRequestBody(req);
    if (!body.ok)
      return { kind: 'reject', status: 400, code: 'EVT_ERR_INGRESS_BAD_BODY', message: body.message };
    const metadata = (route.config.metadata ?? null) as Record<string, string> | null;
    return {
      kind: 'events',
      events: [{ data: { header: goHeaderMap(headers), body: body.value, metadata } }],
    };
  },
};
