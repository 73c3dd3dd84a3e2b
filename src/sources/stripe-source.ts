// Argo's `stripe` EventSource: Stripe webhook events, optionally filtered by type, optionally
// registered at Stripe (`createWebhook` + `apiKey`). Argo does not check signatures; Eventide
// does when the spec names the endpoint's signing secret (`endpointSecret`, an Eventide field).
import type { PathSegment } from '../manifest/field-path.js';
import type { Problems } from '../manifest/problems.js';
import type { SecretKeySelector } from '../manifest/types.js';
import { boolAt, listAt, stringAt, type Obj } from '../manifest/shape-checks.js';
import { parseGoDuration } from '../lang/duration/index.js';
import type {
  HandlerResult,
  IngressRequest,
  PushSourceType,
  RouteSpec,
  SourceServices,
} from './source-type.js';
import { checkSecretSelector } from './webhook-context-rules.js';
import { badBody, ignored, lookupSecret, unauthorized } from './saas/handler-results.js';
import {
  checkMetadataAndFilter,
  checkNestedBearer,
  checkNestedWebhook,
  metadataOf,
  nestedWebhookRoutes,
  routeEventId,
  webhookContextOf,
} from './saas/nested-webhook.js';
import { parseJsonBody } from './saas/json-body.js';
import { STRIPE_DEFAULT_TOLERANCE_MS, stripeSignatureProblem } from './stripe/stripe-signature.js';
import { decodeStripeEvent } from './stripe/stripe-event.js';
import { ensureStripeWebhookEndpoint, type StripeEndpointOutcome } from './stripe/stripe-webhook-api.js';

function checkTolerance(p: Problems, raw: unknown, path: PathSegment[]): void {
  const text = stringAt(p, raw, path, false);
  if (text === undefined) return;
  try {
    if (parseGoDuration(text) <= 0) p.add(path, `must be a positive duration, got ${JSON.stringify(text)}`);
  } catch (e) {
    p.add(path, (e as Error).message);
  }
}

function validate(p: Problems, cfg: Obj, path: PathSegment[]): void {
  const ctx = checkNestedWebhook(p, cfg, path);
  const create = boolAt(p, cfg.createWebhook, [...path, 'createWebhook']);
  checkSecretSelector(p, cfg.apiKey, [...path, 'apiKey'], create === true);
  if (create && ctx) {
    const url = stringAt(p, ctx.url, [...path, 'webhook', 'url'], true);
    if (url !== undefined && !/^https?:\/\/[^/]/i.test(url)) {
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
  if (cfg.endpointSecret !== undefined)
    checkSecretSelector(p, cfg.endpointSecret, [...path, 'endpointSecret'], true);
  checkTolerance(p, cfg.signatureTolerance, [...path, 'signatureTolerance']);
  checkMetadataAndFilter(p, cfg, path, false);
}

function toleranceMs(route: RouteSpec): number {
  const t = route.config.signatureTolerance;
  return typeof t === 'string' && t !== '' ? parseGoDuration(t) : STRIPE_DEFAULT_TOLERANCE_MS;
}

function eventFilterOf(route: RouteSpec): string[] | undefined {
  const f = route.config.eventFilter;
  return Array.isArray(f) && f.length > 0 ? (f as string[]) : undefined;
}

function signatureRejection(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
): HandlerResult | undefined {
  const ref = route.config.endpointSecret as SecretKeySelector | undefined;
  if (!ref?.name || !ref.key) return undefined;
  const secret = lookupSecret(services, ref, `spec.stripe.${route.eventName}.endpointSecret`);
  if ('rejected' in secret) return secret.rejected;
  const problem = stripeSignatureProblem(
    req.headers['stripe-signature']?.[0],
    req.rawBody,
    secret.value,
    req.receivedAt,
    toleranceMs(route),
  );
  return problem ? unauthorized(problem) : undefined;
}

/** Argo's FormattedURL: the public base URL plus the endpoint. */
function publicUrl(ctx: Obj): string {
  const endpoint = String(ctx.endpoint ?? '/');
  return String(ctx.url ?? '').replace(/\/+$/, '') + (endpoint.startsWith('/') ? endpoint : `/${endpoint}`);
}

export interface StripeSourceType extends PushSourceType {
  /**
   * `createWebhook: true`: make sure Stripe has this route's endpoint registered (idempotent).
   * Called by whoever activates routes; resolves undefined when the route asks for nothing.
   */
  activate(route: RouteSpec, services: SourceServices): Promise<StripeEndpointOutcome | undefined>;
}

export const stripeSource: StripeSourceType = {
  type: 'stripe',
  validate,
  routes: (source, block) => nestedWebhookRoutes('stripe', source, block),
  async handle(req, route, services) {
    const denied = checkNestedBearer(req, route, services) ?? signatureRejection(req, route, services);
    if (denied) return denied;
    const body = parseJsonBody(req.rawBody, 'request body (a Stripe event)');
    if ('rejected' in body) return body.rejected;
    const event = decodeStripeEvent(body.value);
    if (!event.ok) return badBody(event.message);
    const type = event.value.type as string;
    const filter = eventFilterOf(route);
    // Argo answers 400 here, which makes Stripe retry for days; nothing is wrong with the request.
    if (filter && !filter.includes(type))
      return ignored(`event type ${JSON.stringify(type)} is not in eventFilter`);
    const metadata = metadataOf(route);
    const data = metadata ? { event: event.value, metadata } : { event: event.value };
    const id = event.value.id as string;
    return { kind: 'events', events: [id ? { data, id: routeEventId(route, id) } : { data }] };
  },
  async activate(route, services) {
    if (route.config.createWebhook !== true) return undefined;
    const field = `spec.stripe.${route.eventName}.apiKey`;
    const apiKey = lookupSecret(services, route.config.apiKey as SecretKeySelector, field);
    if ('rejected' in apiKey) throw new Error(apiKey.rejected.message);
    return ensureStripeWebhookEndpoint({
      apiKey: apiKey.value,
      url: publicUrl(webhookContextOf(route)),
      enabledEvents: eventFilterOf(route) ?? ['*'],
      description: `Eventide ${route.source.namespace}/${route.source.name} ${route.eventName}`,
      ...(services.fetch ? { fetch: services.fetch } : {}),
    });
  },
};
