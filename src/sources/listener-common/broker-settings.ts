// Settings several broker sources share, read the way Argo spells them: `tls` (TLSConfig, the one
// reader of amqp, mqtt, nats, nsq, pulsar, redis, redisStream) and `auth` (BasicAuth of two secret
// selectors). Pure readers plus the TLS options Node's clients take. connectionBackoff: see
// connection-backoff.ts.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';

export interface TlsPlan {
  caCertSecret?: SecretKeySelector;
  clientCertSecret?: SecretKeySelector;
  clientKeySecret?: SecretKeySelector;
  insecureSkipVerify: boolean;
}

export interface BasicAuthPlan {
  username: SecretKeySelector;
  password: SecretKeySelector;
}

export function readSecretSelector(p: Problems, v: unknown, path: PathSegment[], required: boolean): SecretKeySelector | undefined {
  const o = objectAt(p, v, path, required);
  if (!o) return undefined;
  const name = stringAt(p, o.name, [...path, 'name'], true);
  const key = stringAt(p, o.key, [...path, 'key'], true);
  const optional = boolAt(p, o.optional, [...path, 'optional']);
  if (name === undefined || key === undefined) return undefined;
  return optional === undefined ? { name, key } : { name, key, optional };
}

/** Reads `v` (a TLSConfig) at `path`, the `tls` field's own path. */
export function readTls(p: Problems, v: unknown, path: PathSegment[]): TlsPlan | undefined {
  const t = objectAt(p, v, path, false);
  if (!t) return undefined;
  const plan: TlsPlan = { insecureSkipVerify: boolAt(p, t.insecureSkipVerify, [...path, 'insecureSkipVerify']) ?? false };
  for (const k of ['caCertSecret', 'clientCertSecret', 'clientKeySecret'] as const) {
    const s = readSecretSelector(p, t[k], [...path, k], false);
    if (s) plan[k] = s;
  }
  if (!!plan.clientCertSecret !== !!plan.clientKeySecret)
    p.add(path, 'clientCertSecret and clientKeySecret must be given together');
  return plan;
}

export function readBasicAuth(p: Problems, cfg: Obj, path: PathSegment[]): BasicAuthPlan | undefined {
  const a = objectAt(p, cfg.auth, [...path, 'auth'], false);
  if (!a) return undefined;
  const username = readSecretSelector(p, a.username, [...path, 'auth', 'username'], true);
  const password = readSecretSelector(p, a.password, [...path, 'auth', 'password'], true);
  return username && password ? { username, password } : undefined;
}

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

/**
 * Node TLS options for a plan, its secrets resolved now through `secret` (given the field, as
 * `tls.caCertSecret`, so a caller can turn a missing secret into its own error kind).
 */
export function tlsOptions(plan: TlsPlan, secret: (ref: SecretKeySelector, field: string) => string): TlsOptions {
  const o: TlsOptions = { rejectUnauthorized: !plan.insecureSkipVerify };
  if (plan.caCertSecret) o.ca = secret(plan.caCertSecret, 'tls.caCertSecret');
  if (plan.clientCertSecret) o.cert = secret(plan.clientCertSecret, 'tls.clientCertSecret');
  if (plan.clientKeySecret) o.key = secret(plan.clientKeySecret, 'tls.clientKeySecret');
  return o;
}
