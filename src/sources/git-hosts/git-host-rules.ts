// Validation shared by the Git-host sources: the required `webhook` block, string lists, URLs,
// metadata, the EventSource filter and secret selectors, each reported at its field path.
import type { PathSegment } from '../../manifest/field-path.js';
import type { Problems } from '../../manifest/problems.js';
import { boolAt, describe, listAt, objectAt, stringAt, type Obj } from '../../manifest/shape-checks.js';
import { checkSecretSelector, checkWebhookContext } from '../webhook-context-rules.js';

/** `webhook`: Argo's WebhookContext, required by every Git-host source; `url` is where the host sends events. */
export function checkHookWebhook(p: Problems, cfg: Obj, path: PathSegment[]): Obj | undefined {
  const ctx = objectAt(p, cfg.webhook, [...path, 'webhook'], true);
  if (!ctx) return undefined;
  checkWebhookContext(p, ctx, [...path, 'webhook']);
  stringAt(p, ctx.url, [...path, 'webhook', 'url'], false);
  return ctx;
}

/** A list of non-empty strings; undefined when absent (or reported). */
export function stringListAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): string[] | undefined {
  const list = listAt(p, v, path, required);
  if (!list) return undefined;
  let ok = true;
  list.forEach((item, i) => {
    if (typeof item !== 'string' || item === '') {
      p.add([...path, i], `must be a non-empty string, got ${describe(item)}`);
      ok = false;
    }
  });
  return ok ? (list as string[]) : undefined;
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function httpUrlAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): string | undefined {
  const s = stringAt(p, v, path, required);
  if (s !== undefined && !isHttpUrl(s)) {
    p.add(path, `must be an http:// or https:// URL, got ${JSON.stringify(s)}`);
    return undefined;
  }
  return s;
}

/** `metadata`: a map of strings passed along with every event. */
export function checkMetadata(p: Problems, v: unknown, path: PathSegment[]): void {
  const md = objectAt(p, v, path, false);
  for (const [k, val] of Object.entries(md ?? {})) stringAt(p, val, [...path, k], true);
}

/** `filter: {expression}`: the EventSource filter (Argo's EventSourceFilter). */
export function checkFilterExpression(p: Problems, v: unknown, path: PathSegment[]): void {
  const f = objectAt(p, v, path, false);
  if (f) stringAt(p, f.expression, [...path, 'expression'], false);
}

export function optionalSecret(p: Problems, v: unknown, path: PathSegment[]): boolean {
  if (v === undefined || v === null) return false;
  checkSecretSelector(p, v, path, true);
  return true;
}

/** When hooks are managed, the host must be told where to send events. */
export function checkHookUrl(p: Problems, ctx: Obj | undefined, path: PathSegment[], why: string): void {
  if (!ctx || typeof ctx.url !== 'string' || ctx.url === '') return;
  if (!isHttpUrl(ctx.url)) {
    p.add(
      [...path, 'webhook', 'url'],
      `must be an http:// or https:// URL (${why}), got ${JSON.stringify(ctx.url)}`,
    );
  }
}

/** Argo's TLSConfig: secret selectors for a CA, client cert and key, and insecureSkipVerify. */
export function checkTlsConfig(p: Problems, v: unknown, path: PathSegment[]): void {
  const tls = objectAt(p, v, path, false);
  if (!tls) return;
  for (const field of ['caCertSecret', 'clientCertSecret', 'clientKeySecret']) {
    optionalSecret(p, tls[field], [...path, field]);
  }
  boolAt(p, tls.insecureSkipVerify, [...path, 'insecureSkipVerify']);
}
