// What the Git-host push sources share on the ingress side: Argo's event data
// {headers, body, metadata}, request headers as Go's http.Header holds them, the bearer check of
// the webhook context, and secrets looked up per request (so a rotated secret takes effect
// without a restart, and a missing one is a 500, not a crash).
import type { SecretKeySelector } from '../../manifest/types.js';
import type {
  HandlerResult,
  IngressRequest,
  PushSourceType,
  RouteSpec,
  SourceServices,
} from '../source-type.js';
import { webhookRoute } from '../source-type.js';
import { checkBearer, goHeaderMap, MASKED_AUTH } from '../webhook-source.js';
import { exceedsJsonNesting, MAX_JSON_NESTING } from '../json-nesting.js';

export type Rejection = Extract<HandlerResult, { kind: 'reject' }>;

export function reject(status: number, code: string, message: string): Rejection {
  return { kind: 'reject', status, code, message };
}

export function badBody(message: string): Rejection {
  return reject(400, 'EVT_ERR_INGRESS_BAD_BODY', message);
}

export function badSignature(message: string): Rejection {
  return reject(401, 'EVT_ERR_INGRESS_BAD_SIGNATURE', message);
}

/**
 * Routes of a Git-host type: each event listens where its `webhook` block says; `filter.expression`
 * (where the type has one) is the EventSource filter.
 */
export function gitHostRoutes(type: string, opts: { expressionFilter: boolean }): PushSourceType['routes'] {
  return (source, block) =>
    Object.entries(block).map(([eventName, raw]) => {
      const cfg = (raw ?? {}) as Record<string, unknown>;
      const ctx = (cfg.webhook ?? {}) as Record<string, unknown>;
      const expression = opts.expressionFilter
        ? (cfg.filter as { expression?: string } | undefined)?.expression
        : undefined;
      return webhookRoute(source, type, eventName, ctx, cfg, expression);
    });
}

/** The event's `webhook` block: Argo's WebhookContext. */
export function webhookContextOf(route: RouteSpec): Record<string, unknown> {
  return (route.config.webhook ?? {}) as Record<string, unknown>;
}

/** `webhook.authSecret` (a bearer token), which Argo checks for every webhook-based source. */
export function checkContextBearer(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
): HandlerResult | undefined {
  return checkBearer(req, { ...route, config: webhookContextOf(route) }, services);
}

/**
 * A secret the event config names under `field`; undefined when the config names none.
 * The value never leaves this function in an error.
 */
export function configSecret(
  route: RouteSpec,
  field: string,
  services: SourceServices,
): { value?: string; missing?: Rejection } {
  const ref = route.config[field] as Partial<SecretKeySelector> | undefined;
  if (!ref?.name || !ref.key) return {};
  const value = services.secrets.tryGet({ name: ref.name, key: ref.key });
  if (value === undefined) {
    return {
      missing: reject(
        500,
        'EVT_ERR_INGRESS_SECRET_MISSING',
        `${field} (secret ${ref.name}/${ref.key}) is not configured on this server`,
      ),
    };
  }
  return { value };
}

/**
 * The checks before a delivery is read: webhook.authSecret, then the secret the config names
 * under `secretField` (absent when it names none).
 */
export function admit(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
  secretField?: string,
): { denied: HandlerResult } | { denied?: undefined; secret?: string } {
  const denied = checkContextBearer(req, route, services);
  if (denied) return { denied };
  if (!secretField) return {};
  const s = configSecret(route, secretField, services);
  return s.missing ? { denied: s.missing } : { secret: s.value };
}

/** First value of a request header (names are lower-case), '' when absent. */
export function header(req: IngressRequest, name: string): string {
  return req.headers[name]?.[0] ?? '';
}

export const MASKED_SECRET_HEADER = '*** Masked Secret ***';

/**
 * Headers as Argo's sources put them in events: Go's http.Header, which has no Host (Go moves it
 * to the request), with Authorization masked as Argo does and the `secretHeaders` (lower-case
 * names of headers that carry a secret, e.g. X-Gitlab-Token) masked as Argo does not.
 */
export function goRequestHeaders(
  req: IngressRequest,
  secretHeaders: readonly string[] = [],
): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(req.headers)) {
    if (name === 'host') continue;
    const set = values.some((v) => v !== '');
    if (name === 'authorization' && set) headers[name] = [MASKED_AUTH];
    else if (secretHeaders.includes(name) && set) headers[name] = [MASKED_SECRET_HEADER];
    else headers[name] = values;
  }
  return goHeaderMap(headers);
}

/** Argo's metadata field is `omitempty`: absent when the config has none. */
export function withMetadata<T extends object>(
  data: T,
  route: RouteSpec,
): T & { metadata?: Record<string, string> } {
  const md = route.config.metadata as Record<string, string> | undefined;
  return md && Object.keys(md).length > 0 ? { ...data, metadata: md } : data;
}

/** {headers, body, metadata}: the event data of Argo's github, gitlab, bitbucket(server) and gerrit sources. */
export function gitEventData(
  req: IngressRequest,
  route: RouteSpec,
  body: unknown,
  secretHeaders: readonly string[] = [],
): Record<string, unknown> {
  return withMetadata({ headers: goRequestHeaders(req, secretHeaders), body }, route);
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; reject: Rejection };

/** Argo embeds these bodies as raw JSON, so a body that is not JSON is rejected. */
export function parseJsonBody(raw: Buffer | string, what = 'request body'): JsonResult {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (text.trim() === '') return { ok: false, reject: badBody(`${what} is empty; expected JSON`) };
  if (exceedsJsonNesting(text)) {
    return { ok: false, reject: badBody(`${what} nests deeper than ${MAX_JSON_NESTING} levels`) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, reject: badBody(`${what} is not valid JSON (${(e as Error).message})`) };
  }
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

/**
 * A source whose deliveries carry no signature of their own (Bitbucket Cloud, Gerrit): guarded
 * only by webhook.authSecret when set; any JSON body becomes {headers, body, metadata}.
 */
export function unsignedJsonSource(
  type: string,
  validate: PushSourceType['validate'],
  host: string,
): PushSourceType {
  return {
    type,
    validate,
    routes: gitHostRoutes(type, { expressionFilter: true }),
    async handle(req, route, services) {
      const denied = checkContextBearer(req, route, services);
      if (denied) return denied;
      const body = parseJsonBody(req.rawBody, `the ${host} payload`);
      if (!body.ok) return body.reject;
      return { kind: 'events', events: [{ data: gitEventData(req, route, body.value) }] };
    },
  };
}
