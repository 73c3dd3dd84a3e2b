// Argo's `stripe` EventSource: Stripe webhook events, optionally filtered by type, optionally
// registered at Stripe (`createWebhook` + `apiKey`). Argo does not check signatures; Eventide
// does when the spec names the endpoint's signing secret (`endpointSecret`, an Eventide field).
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, listAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { parseGoDuration } from '../../lang/duration/index.js';
import type {
  HandlerResult,
  IngressRequest,
  PushSourceType,
  RouteSpec,
  SourceServices,
} from '../source-type.js';
import { checkSecretSelector, isHttpUrl, optionalSecret } from '../push-common/webhook-context-rules.js';
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { badBody, ignored, unauthorized } from '../push-common/replies.js';
import { optionalRouteSecret, routeSecret } from '../push-common/route-secrets.js';
import { parseJsonBody } from '../push-common/json-body.js';
import { stringList } from '../config-values.js';
import { eventDraft, withMetadata } from '../push-common/event-drafts.js';
import { hookUrl } from '../hook-management/hook-manager.js';
import { STRIPE_DEFAULT_TOLERANCE_MS, stripeSignatureProblem } from './stripe-signature.js';
import { decodeStripeEvent } from './stripe-event.js';
import { ensureStripeWebhookEndpoint, type StripeEndpointOutcome } from './stripe-webhook-api.js';

function checkTolerance(p: Problems, raw: unknown, path: PathSegment[]): void {
  const text = stringAt(p, raw, path, false);
  if (text === undefined) return;
  try {
    if (parseGoDuration(text) <= 0) p.add(path, `must be a positive duration, got ${JSON.stringify(text)}`);
  } catch (e) {
    p.add(path, (e as Error).message);
  }
}

function validate(p: Problems, cfg: Obj, path: PathSegment[], ctx: Obj | undefined): void {
  const create = boolAt(p, cfg.createWebhook, [...path, 'createWebhook']);
  checkSecretSelector(p, cfg.apiKey, [...path, 'apiKey'], create === true);
  if (create && ctx) {
    const url = stringAt(p, ctx.url, [...path, 'webhook', 'url'], true);
    if (url !== undefined && !isHttpUrl(url)) {
      p.add(
        [...path, 'webhook', 'url'],
        `must be the http(s) URL Stripe posts to, got ${JSON.stringify(url)}`,
      );
    }
  }
  const filter = listAt(p, cfg.eventFilter, [...path, 'eventFilter'], false);
  filter?.forEach((t, i) => stringAt(p, t, [...path, 'eventFilter', i], true));
  // Argo's older `namespace` (where the apiKey secret lived) is accepted and unused.
  stringAt(p, cfg.namespace, [...path, 'namespace'], false);
  optionalSecret(p, cfg.endpointSecret, [...path, 'endpointSecret']);
  checkTolerance(p, cfg.signatureTolerance, [...path, 'signatureTolerance']);
}

/** A stripe event's config as the handler and activation use it. */
interface StripeConfig {
  createWebhook: boolean;
  /** event types to deliver; undefined = all */
  eventFilter?: string[];
  toleranceMs: number;
}

function readStripeConfig(cfg: Obj): StripeConfig {
  const t = cfg.signatureTolerance;
  const config: StripeConfig = {
    createWebhook: cfg.createWebhook === true,
    toleranceMs: typeof t === 'string' && t !== '' ? parseGoDuration(t) : STRIPE_DEFAULT_TOLERANCE_MS,
  };
  const filter = stringList(cfg.eventFilter);
  if (filter) config.eventFilter = filter;
  return config;
}

function signatureRejection(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
  config: StripeConfig,
): HandlerResult | undefined {
  const secret = optionalRouteSecret(route, 'endpointSecret', services);
  if (!secret.ok) return secret.rejected;
  if (secret.value === undefined) return undefined;
  const problem = stripeSignatureProblem(
    req.headers['stripe-signature']?.[0],
    req.rawBody,
    secret.value,
    req.receivedAt,
    config.toleranceMs,
  );
  return problem ? unauthorized(problem) : undefined;
}

export interface StripeSourceType extends PushSourceType {
  /**
   * `createWebhook: true`: make sure Stripe has this route's endpoint registered (idempotent).
   * Called by whoever activates routes; resolves undefined when the route asks for nothing.
   */
  activate(route: RouteSpec, services: SourceServices): Promise<StripeEndpointOutcome | undefined>;
}

export const stripeSource: StripeSourceType = {
  // Argo's StripeEventSource has no EventSource filter.
  ...webhookBackedSource({
    type: 'stripe',
    context: 'nested',
    expressionFilter: false,
    validate,
    readConfig: readStripeConfig,
    async handle(req, route, services, config) {
      const denied = signatureRejection(req, route, services, config);
      if (denied) return denied;
      const body = parseJsonBody(req.rawBody, 'request body (a Stripe event)');
      if (!body.ok) return body.rejected;
      const event = decodeStripeEvent(body.value);
      if (!event.ok) return badBody(event.message);
      const type = event.value.type as string;
      const filter = config.eventFilter;
      // Argo answers 400 here, which makes Stripe retry for days; nothing is wrong with the request.
      if (filter && !filter.includes(type))
        return ignored(`event type ${JSON.stringify(type)} is not in eventFilter`);
      const data = withMetadata({ event: event.value }, route);
      return { kind: 'events', events: [eventDraft(route, data, event.value.id as string)] };
    },
  }),
  async activate(route, services) {
    const config = readStripeConfig(route.config);
    if (!config.createWebhook) return undefined;
    const apiKey = routeSecret(route, 'apiKey', services);
    if (!apiKey.ok) throw new Error(apiKey.rejected.message);
    return ensureStripeWebhookEndpoint({
      apiKey: apiKey.value,
      url: hookUrl(route.config),
      enabledEvents: config.eventFilter ?? ['*'],
      description: `Eventide ${route.source.namespace}/${route.source.name} ${route.eventName}`,
      ...(services.fetch ? { fetch: services.fetch } : {}),
    });
  },
};
