// Validation shared by push sources: Argo's WebhookContext (flat, as the webhook type has it, or
// nested under `webhook:`, as the others do), secret selectors and the event's `metadata`.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { numberAt, objectAt, oneOf, stringAt, type Obj } from '../../vocabulary/shape-checks.js';

export function checkSecretSelector(p: Problems, raw: unknown, path: PathSegment[], required: boolean): void {
  const s = objectAt(p, raw, path, required);
  if (!s) return;
  stringAt(p, s.name, [...path, 'name'], true);
  stringAt(p, s.key, [...path, 'key'], true);
}

/** A secret selector that may be absent (or null); true when one is given. */
export function optionalSecret(p: Problems, v: unknown, path: PathSegment[]): boolean {
  if (v === undefined || v === null) return false;
  checkSecretSelector(p, v, path, true);
  return true;
}

/** `metadata`: a map of strings passed along with every event. */
export function checkMetadata(p: Problems, v: unknown, path: PathSegment[]): void {
  const md = objectAt(p, v, path, false);
  for (const [k, val] of Object.entries(md ?? {})) stringAt(p, val, [...path, k], true);
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Argo's WebhookContext: endpoint, port, method, TLS, auth, metadata, maxPayloadSize. */
export function checkWebhookContext(p: Problems, ctx: Obj, path: PathSegment[]): void {
  stringAt(p, ctx.endpoint, [...path, 'endpoint'], true);
  const port = ctx.port;
  if (port === undefined || port === null || port === '') p.add([...path, 'port'], 'required');
  else numberAt(p, port, [...path, 'port'], { integer: true, min: 1, max: 65535 });
  if (ctx.method !== undefined) {
    oneOf(
      p,
      typeof ctx.method === 'string' ? ctx.method.toUpperCase() : ctx.method,
      [...path, 'method'],
      METHODS,
    );
  }
  numberAt(p, ctx.maxPayloadSize, [...path, 'maxPayloadSize'], { integer: true, min: 1 });
  if (ctx.authSecret !== undefined) checkSecretSelector(p, ctx.authSecret, [...path, 'authSecret'], true);
  if (ctx.serverCertSecret !== undefined || ctx.serverKeySecret !== undefined) {
    checkSecretSelector(p, ctx.serverCertSecret, [...path, 'serverCertSecret'], true);
    checkSecretSelector(p, ctx.serverKeySecret, [...path, 'serverKeySecret'], true);
  }
  checkMetadata(p, ctx.metadata, [...path, 'metadata']);
}

/**
 * `webhook` (required): the WebhookContext of every type but webhook itself; `url` is where the
 * sender reaches this endpoint from outside (used to register it). Returns it for the type's checks.
 */
export function checkNestedWebhook(p: Problems, cfg: Obj, path: PathSegment[]): Obj | undefined {
  const ctx = objectAt(p, cfg.webhook, [...path, 'webhook'], true);
  if (!ctx) return undefined;
  checkWebhookContext(p, ctx, [...path, 'webhook']);
  stringAt(p, ctx.url, [...path, 'webhook', 'url'], false);
  return ctx;
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** When Eventide registers the endpoint, `webhook.url` must be where the sender can reach it. */
export function checkHookUrl(p: Problems, ctx: Obj | undefined, path: PathSegment[], why: string): void {
  if (!ctx || typeof ctx.url !== 'string' || ctx.url === '') return;
  if (!isHttpUrl(ctx.url)) {
    p.add(
      [...path, 'webhook', 'url'],
      `must be an http:// or https:// URL (${why}), got ${JSON.stringify(ctx.url)}`,
    );
  }
}
