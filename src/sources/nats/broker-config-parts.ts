// Config pieces the broker sources share (nats, redis, redisStream): Argo's secret selectors,
// its TLSConfig and its connectionBackoff, read with field paths, resolved at connect time.
import { readFileSync } from 'node:fs';
import { backoffDurationMs } from '../../engine/retry-policy.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, numberAt, objectAt, stringAt } from '../../vocabulary/shape-checks.js';
import { ListenerConfigError } from '../listener-common/listener-source.js';

export function secretAt(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  required: boolean,
): SecretKeySelector | undefined {
  const s = objectAt(p, v, path, required);
  if (!s) return undefined;
  const name = stringAt(p, s.name, [...path, 'name'], true);
  const key = stringAt(p, s.key, [...path, 'key'], true);
  if (name === undefined || key === undefined) return undefined;
  return { name, key, ...(s.optional === true ? { optional: true } : {}) };
}

/** Argo's TLSConfig: PEM material from secrets. */
export interface TlsPlan {
  caCertSecret?: SecretKeySelector;
  clientCertSecret?: SecretKeySelector;
  clientKeySecret?: SecretKeySelector;
  insecureSkipVerify: boolean;
}

export function readTls(p: Problems, v: unknown, path: PathSegment[]): TlsPlan | undefined {
  const t = objectAt(p, v, path, false);
  if (!t) return undefined;
  const plan: TlsPlan = {
    insecureSkipVerify: boolAt(p, t.insecureSkipVerify, [...path, 'insecureSkipVerify']) ?? false,
  };
  for (const f of ['caCertSecret', 'clientCertSecret', 'clientKeySecret'] as const) {
    const s = secretAt(p, t[f], [...path, f], false);
    if (s) plan[f] = s;
  }
  if ((plan.clientCertSecret === undefined) !== (plan.clientKeySecret === undefined))
    p.add(path, 'clientCertSecret and clientKeySecret must be given together');
  return plan;
}

/** Node TLS options for a plan; secrets resolved now (a missing one cannot work: config error). */
export function tlsOptions(
  plan: TlsPlan,
  secrets: SecretStore,
): { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean } {
  return {
    ...(plan.caCertSecret ? { ca: resolveSecret(secrets, plan.caCertSecret, 'tls.caCertSecret') } : {}),
    ...(plan.clientCertSecret
      ? { cert: resolveSecret(secrets, plan.clientCertSecret, 'tls.clientCertSecret') }
      : {}),
    ...(plan.clientKeySecret
      ? { key: resolveSecret(secrets, plan.clientKeySecret, 'tls.clientKeySecret') }
      : {}),
    rejectUnauthorized: !plan.insecureSkipVerify,
  };
}

/** A secret's value; a missing one is a config error naming the field and the reference only. */
export function resolveSecret(secrets: SecretStore, ref: SecretKeySelector, field: string): string {
  try {
    return secrets.get(ref);
  } catch (e) {
    throw new ListenerConfigError(`${field}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads a file a secret points at when the value is a path (Argo mounts nkey/creds as files). */
export function secretFileOrValue(value: string): string {
  if (value.startsWith('/') && !value.includes('\n')) {
    try {
      return readFileSync(value, 'utf8');
    } catch {
      return value;
    }
  }
  return value;
}

/** Argo's connectionBackoff (k8s wait.Backoff), in milliseconds. */
export interface BackoffPlan {
  initialMs: number;
  factor: number;
  jitter: number;
  /** attempts before giving up on this run (the activity is then retried by Temporal) */
  steps: number;
}

/** Argo's default when connectionBackoff is absent: 1 s, factor 1, jitter 1, 5 steps. */
export const DEFAULT_BACKOFF: BackoffPlan = { initialMs: 1000, factor: 1, jitter: 1, steps: 5 };

export function readBackoff(p: Problems, v: unknown, path: PathSegment[]): BackoffPlan | undefined {
  const b = objectAt(p, v, path, false);
  if (!b) return undefined;
  let initialMs = DEFAULT_BACKOFF.initialMs;
  if (b.duration !== undefined && b.duration !== null) {
    try {
      const ms = backoffDurationMs(b.duration as string | number);
      if (ms !== undefined) initialMs = ms;
    } catch (e) {
      p.add(
        [...path, 'duration'],
        `not a duration (e.g. "10s"): ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  const factor = numberAt(p, b.factor, [...path, 'factor'], { min: 0 }) ?? DEFAULT_BACKOFF.factor;
  // Each field absent takes Argo's default on its own; steps 0 means the default, as in Argo.
  const jitter = numberAt(p, b.jitter, [...path, 'jitter'], { min: 0 }) ?? DEFAULT_BACKOFF.jitter;
  const steps = numberAt(p, b.steps, [...path, 'steps'], { integer: true, min: 0 }) || DEFAULT_BACKOFF.steps;
  return { initialMs, factor, jitter, steps };
}

/** Tries `connect` up to plan.steps times with the plan's growing delays; throws the last error. */
export async function withBackoff<T>(
  plan: BackoffPlan,
  sleep: (ms: number) => Promise<void>,
  onRetry: (error: unknown, delayMs: number) => void,
  connect: () => Promise<T>,
): Promise<T> {
  let delay = plan.initialMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (e) {
      if (e instanceof ListenerConfigError || attempt >= plan.steps) throw e;
      const wait = delay * (1 + (plan.jitter > 0 ? Math.random() * plan.jitter : 0));
      onRetry(e, Math.round(wait));
      await sleep(wait);
      delay = delay * (plan.factor > 0 ? plan.factor : 1);
    }
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
