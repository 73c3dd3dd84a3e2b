// Settings several broker sources share, read the way Argo spells them: `tls` (TLSConfig),
// `auth` (BasicAuth of two secret selectors) and `connectionBackoff` (a k8s wait.Backoff).
// Pure readers plus the runtime helpers that turn them into what Node's clients take.
import { backoffDurationMs } from '../../engine/retry-policy.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, numberAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import type { ListenerContext } from './listener-source.js';

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

export interface BackoffPlan {
  durationMs: number;
  factor: number;
  jitter: number;
  /** attempts before the listener gives up and lets Temporal restart it */
  steps: number;
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

export function readTls(p: Problems, cfg: Obj, path: PathSegment[]): TlsPlan | undefined {
  const t = objectAt(p, cfg.tls, [...path, 'tls'], false);
  if (!t) return undefined;
  const at = [...path, 'tls'];
  const plan: TlsPlan = { insecureSkipVerify: boolAt(p, t.insecureSkipVerify, [...at, 'insecureSkipVerify']) ?? false };
  for (const k of ['caCertSecret', 'clientCertSecret', 'clientKeySecret'] as const) {
    const s = readSecretSelector(p, t[k], [...at, k], false);
    if (s) plan[k] = s;
  }
  if (!!plan.clientCertSecret !== !!plan.clientKeySecret)
    p.add(at, 'clientCertSecret and clientKeySecret must be given together');
  return plan;
}

export function readBasicAuth(p: Problems, cfg: Obj, path: PathSegment[]): BasicAuthPlan | undefined {
  const a = objectAt(p, cfg.auth, [...path, 'auth'], false);
  if (!a) return undefined;
  const username = readSecretSelector(p, a.username, [...path, 'auth', 'username'], true);
  const password = readSecretSelector(p, a.password, [...path, 'auth', 'password'], true);
  return username && password ? { username, password } : undefined;
}

/** Argo's defaults (pkg/shared/util/retry.go), each field on its own: 1 s, factor 1, jitter 1, 5 steps. */
const DEFAULT_BACKOFF: BackoffPlan = { durationMs: 1000, factor: 1, jitter: 1, steps: 5 };

export function readBackoff(p: Problems, cfg: Obj, path: PathSegment[]): BackoffPlan {
  const b = objectAt(p, cfg.connectionBackoff, [...path, 'connectionBackoff'], false);
  if (!b) return DEFAULT_BACKOFF;
  const at = [...path, 'connectionBackoff'];
  let durationMs = DEFAULT_BACKOFF.durationMs;
  if (b.duration !== undefined && b.duration !== null) {
    if (typeof b.duration !== 'string' && typeof b.duration !== 'number') p.add([...at, 'duration'], 'must be a duration like "10s" or a number of nanoseconds');
    else {
      try {
        durationMs = backoffDurationMs(b.duration) ?? durationMs;
      } catch (e) {
        p.add([...at, 'duration'], e instanceof Error ? e.message : String(e));
      }
    }
  }
  const num = (v: unknown, k: string) => {
    if (typeof v === 'object' && v !== null) return undefined;
    return numberAt(p, v, [...at, k], { min: 0 });
  };
  return {
    durationMs,
    factor: num(b.factor, 'factor') ?? DEFAULT_BACKOFF.factor,
    jitter: num(b.jitter, 'jitter') ?? DEFAULT_BACKOFF.jitter,
    // steps 0 means the default, as in Argo
    steps: numberAt(p, b.steps, [...at, 'steps'], { min: 0, integer: true }) || DEFAULT_BACKOFF.steps,
  };
}

export interface TlsOptions {
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
}

export function tlsOptions(plan: TlsPlan, secrets: SecretStore): TlsOptions {
  const o: TlsOptions = { rejectUnauthorized: !plan.insecureSkipVerify };
  if (plan.caCertSecret) o.ca = secrets.get(plan.caCertSecret);
  if (plan.clientCertSecret) o.cert = secrets.get(plan.clientCertSecret);
  if (plan.clientKeySecret) o.key = secrets.get(plan.clientKeySecret);
  return o;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Connects with Argo's connectionBackoff, logging why each attempt failed (secret-free: client
 * errors name hosts, not passwords). After the last step the error propagates and Temporal
 * restarts the listener with its own backoff, so a broker that comes back is picked up.
 */
export async function connectWithBackoff<T>(
  ctx: Pick<ListenerContext<unknown, unknown>, 'sleep' | 'log' | 'eventName'>,
  what: string,
  b: BackoffPlan,
  connect: () => Promise<T>,
): Promise<T> {
  let delay = b.durationMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (e) {
      if (attempt >= b.steps) throw e;
      ctx.log.warn(`${what}: cannot connect, not consuming; retrying`, { event: ctx.eventName, attempt, error: message(e) });
      await ctx.sleep(delay * (1 + Math.random() * b.jitter));
      delay *= b.factor || 1;
    }
  }
}
