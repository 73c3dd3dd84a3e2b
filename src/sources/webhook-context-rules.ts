// Validation shared by push sources: Argo's WebhookContext and secret selectors.
import type { PathSegment } from '../manifest/field-path.js';
import type { Problems } from '../manifest/problems.js';
import { numberAt, objectAt, oneOf, stringAt, type Obj } from '../manifest/shape-checks.js';

export function checkSecretSelector(p: Problems, raw: unknown, path: PathSegment[], required: boolean): void {
  const s = objectAt(p, raw, path, required);
  if (!s) return;
  stringAt(p, s.name, [...path, 'name'], true);
  stringAt(p, s.key, [...path, 'key'], true);
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
  const md = objectAt(p, ctx.metadata, [...path, 'metadata'], false);
  for (const [k, v] of Object.entries(md ?? {})) stringAt(p, v, [...path, 'metadata', k], true);
}
