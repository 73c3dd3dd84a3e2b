// Argo's SaaS sources (slack, stripe, sns) keep their WebhookContext under `webhook:` next to
// source-specific fields. Routes, validation and the bearer check for that layout, plus the
// source-level `metadata` and `filter` they share.
import type { PathSegment } from '../../manifest/field-path.js';
import type { Problems } from '../../manifest/problems.js';
import { isObject, objectAt, stringAt, type Obj } from '../../manifest/shape-checks.js';
import type { HandlerResult, IngressRequest, RouteSpec, SourceRef, SourceServices } from '../source-type.js';
import { webhookRoute } from '../source-type.js';
import { checkWebhookContext } from '../webhook-context-rules.js';
import { checkBearer } from '../webhook-source.js';

function filterExpressionOf(cfg: Obj): string | undefined {
  const filter = cfg.filter;
  return isObject(filter) && typeof filter.expression === 'string' ? filter.expression : undefined;
}

/** One route per event of the block, from each event's `webhook` context. */
export function nestedWebhookRoutes(
  type: string,
  source: SourceRef,
  block: Record<string, unknown>,
): RouteSpec[] {
  return Object.entries(block).map(([eventName, raw]) => {
    const cfg = isObject(raw) ? raw : {};
    const ctx = isObject(cfg.webhook) ? cfg.webhook : {};
    return webhookRoute(source, type, eventName, ctx, cfg, filterExpressionOf(cfg));
  });
}

export function webhookContextOf(route: RouteSpec): Obj {
  const ctx = route.config.webhook;
  return isObject(ctx) ? ctx : {};
}

/** `webhook.authSecret` (Argo checks it for every webhook-backed source before the source's own checks). */
export function checkNestedBearer(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
): HandlerResult | undefined {
  return checkBearer(req, { ...route, config: webhookContextOf(route) }, services);
}

/** `webhook` (required) with Argo's WebhookContext rules; returns it for source-specific checks. */
export function checkNestedWebhook(p: Problems, cfg: Obj, path: PathSegment[]): Obj | undefined {
  const ctx = objectAt(p, cfg.webhook, [...path, 'webhook'], true);
  if (!ctx) return undefined;
  checkWebhookContext(p, ctx, [...path, 'webhook']);
  // `url`: where the SaaS reaches this endpoint from outside (used to register it).
  stringAt(p, ctx.url, [...path, 'webhook', 'url'], false);
  return ctx;
}

/** Source-level `metadata` (string map) and `filter.expression`. */
export function checkMetadataAndFilter(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
  withFilter: boolean,
): void {
  const md = objectAt(p, cfg.metadata, [...path, 'metadata'], false);
  for (const [k, v] of Object.entries(md ?? {})) stringAt(p, v, [...path, 'metadata', k], true);
  if (!withFilter) return;
  const filter = objectAt(p, cfg.filter, [...path, 'filter'], false);
  if (filter) stringAt(p, filter.expression, [...path, 'filter', 'expression'], false);
}

/** Source-level metadata as Argo's payloads carry it: omitted when empty (`omitempty`). */
export function metadataOf(route: RouteSpec): Record<string, string> | undefined {
  const md = route.config.metadata;
  return isObject(md) && Object.keys(md).length > 0 ? (md as Record<string, string>) : undefined;
}

/**
 * A CloudEvent id from the sender's own id (Slack event_id, Stripe evt_…, SNS MessageId), so a
 * redelivery dedupes. Scoped to the route: Sensors dedupe by id alone, and one upstream event can
 * legitimately reach two events of the same Sensor.
 */
export function routeEventId(route: RouteSpec, upstreamId: string): string {
  return `${route.source.namespace}/${route.source.name}/${route.eventName}:${upstreamId}`;
}
