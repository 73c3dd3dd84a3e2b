// Secrets an event config names, looked up per request: a rotated secret takes effect without a
// restart, and one this server cannot resolve is a 500 reply, not a crash. Replies name the spec
// field, never the secret's name or value, so a sender learns nothing about our secrets.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import { isObject } from '../../vocabulary/shape-checks.js';
import type { RouteSpec, SourceServices } from '../source-type.js';
import { reject, type Checked } from './replies.js';

/** `spec.<type>.<event>.<field>`: how replies and errors name a field of the route's config. */
function specField(route: RouteSpec, field: string): string {
  return `spec.${route.sourceType}.${route.eventName}.${field}`;
}

function selectorAt(config: Record<string, unknown>, field: string): SecretKeySelector | undefined {
  let v: unknown = config;
  for (const key of field.split('.')) v = isObject(v) ? v[key] : undefined;
  const ref = v as Partial<SecretKeySelector> | undefined;
  return ref?.name && ref.key ? { name: ref.name, key: ref.key } : undefined;
}

function missing(route: RouteSpec, field: string): Checked<never> {
  return {
    ok: false,
    rejected: reject(
      'EVT_ERR_INGRESS_SECRET_MISSING',
      `${specField(route, field)} is not configured on this server (see README "Secrets")`,
    ),
  };
}

/**
 * The secret at `field` (a dotted path in the config, e.g. `webhook.authSecret`); undefined when
 * the config names none. An empty secret counts as missing: it would make every HMAC forgeable
 * and every bearer token guessable.
 */
export function optionalRouteSecret(
  route: RouteSpec,
  field: string,
  services: SourceServices,
): Checked<string | undefined> {
  const ref = selectorAt(route.config, field);
  if (!ref) return { ok: true, value: undefined };
  const value = services.secrets.tryGet(ref);
  return value === undefined || value === '' ? missing(route, field) : { ok: true, value };
}

/** The secret at `field`, which the config must name. */
export function routeSecret(route: RouteSpec, field: string, services: SourceServices): Checked<string> {
  const s = optionalRouteSecret(route, field, services);
  if (!s.ok) return s;
  return s.value === undefined ? missing(route, field) : { ok: true, value: s.value };
}
