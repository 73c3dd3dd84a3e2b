// Argo's webhook-backed sources: each event of a push type is served on the route its
// WebhookContext declares, and Argo's shared route handler checks the context's authSecret (a
// bearer token) before the type's own handler runs. A type supplies its own fields' validation
// and its handler; the context, `metadata`, the EventSource filter, the routes and the bearer
// check are the same for every type, here. A type that reads its config into a TypeScript type
// (`readConfig`) gets it as the handler's fourth argument, read once per route.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { isObject, type Obj } from '../../vocabulary/shape-checks.js';
import {
  webhookRoute,
  type HandlerResult,
  type IngressRequest,
  type PushSourceType,
  type RouteSpec,
  type SourceServices,
} from '../source-type.js';
import { checkSourceFilter, filterExpressionOf } from '../source-filter.js';
import { checkMetadata, checkNestedWebhook, checkWebhookContext } from './webhook-context-rules.js';
import { optionalRouteSecret } from './route-secrets.js';
import { constantTimeEqual } from './constant-time.js';
import { header } from './request-headers.js';
import { unauthorized } from './replies.js';

export interface WebhookBackedType<Config = Obj> {
  type: string;
  /** where an event config keeps its WebhookContext: in itself (webhook) or under `webhook:` (the others) */
  context: 'flat' | 'nested';
  /** whether `filter.expression` is the EventSource filter (the Argo types that have an EventSourceFilter) */
  expressionFilter: boolean;
  /** the type's own fields; `ctx` is the WebhookContext when it is an object */
  validate?(p: Problems, cfg: Obj, path: PathSegment[], ctx: Obj | undefined): void;
  /** the event's typed config, read from a config validation accepted */
  readConfig?(cfg: Obj): Config;
  /** the type's own handling, once the bearer check has passed */
  handle(
    req: IngressRequest,
    route: RouteSpec,
    services: SourceServices,
    config: Config,
  ): Promise<HandlerResult>;
}

const BEARER = 'Bearer ';

/** `Authorization: Bearer <token>` against the context's authSecret at `field`, when there is one. */
function checkBearer(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
  field: string,
): HandlerResult | undefined {
  const token = optionalRouteSecret(route, field, services);
  if (!token.ok) return token.rejected;
  if (token.value === undefined) return undefined;
  const given = header(req, 'authorization');
  if (!given.startsWith(BEARER)) return unauthorized('missing or malformed Authorization: Bearer header');
  if (!constantTimeEqual(given.slice(BEARER.length), token.value))
    return unauthorized('invalid bearer token');
  return undefined;
}

export function webhookBackedSource<Config>(
  t: WebhookBackedType<Config> & { readConfig(cfg: Obj): Config },
): PushSourceType;
export function webhookBackedSource(t: WebhookBackedType & { readConfig?: undefined }): PushSourceType;
export function webhookBackedSource(t: WebhookBackedType<unknown>): PushSourceType {
  const flat = t.context === 'flat';
  // Routes are rebuilt whenever the route table is; each one's config is read on first use.
  const configs = new WeakMap<RouteSpec, unknown>();
  const configOf = (route: RouteSpec): unknown => {
    if (!t.readConfig) return route.config;
    if (!configs.has(route)) configs.set(route, t.readConfig(route.config));
    return configs.get(route);
  };
  return {
    type: t.type,
    validate(p, cfg, path) {
      let ctx: Obj | undefined = cfg;
      if (flat) checkWebhookContext(p, cfg, path);
      else ctx = checkNestedWebhook(p, cfg, path);
      t.validate?.(p, cfg, path, ctx);
      // The flat context's own checks covered `metadata`.
      if (!flat) checkMetadata(p, cfg.metadata, [...path, 'metadata']);
      if (t.expressionFilter) checkSourceFilter(p, cfg.filter, [...path, 'filter']);
    },
    routes: (source, block) =>
      Object.entries(block).map(([eventName, raw]) => {
        const cfg = isObject(raw) ? raw : {};
        const ctx = flat ? cfg : isObject(cfg.webhook) ? cfg.webhook : {};
        const filter = t.expressionFilter ? filterExpressionOf(cfg) : undefined;
        return webhookRoute(source, t.type, eventName, ctx, cfg, filter);
      }),
    async handle(req, route, services) {
      const denied = checkBearer(req, route, services, flat ? 'authSecret' : 'webhook.authSecret');
      return denied ?? t.handle(req, route, services, configOf(route));
    },
  };
}
