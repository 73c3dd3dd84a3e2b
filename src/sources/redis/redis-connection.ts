// Argo's Redis connection fields (hostAddress, db, password, username, tls), shared by the `redis`
// (pub/sub) and `redisStream` sources, and the ioredis client built from them.
// ioredis is loaded when a client first opens, so `eventide validate` does not load it.
import type { Redis } from 'ioredis';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { numberAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readTls, tlsOptions, type TlsPlan } from '../listener-common/broker-settings.js';
import { readSecretSelector, resolveSecret } from '../listener-common/secret-selector.js';

export interface RedisConnectionPlan {
  host: string;
  port: number;
  db: number;
  password?: SecretKeySelector;
  username?: string;
  tls?: TlsPlan;
}

export function readRedisConnection(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
): RedisConnectionPlan | undefined {
  const before = p.list.length;
  const hostAddress = stringAt(p, cfg.hostAddress, [...path, 'hostAddress'], true);
  let host: string | undefined;
  let port = 6379;
  if (hostAddress !== undefined) {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostAddress);
    if (!m) p.add([...path, 'hostAddress'], `must be host:port, got ${JSON.stringify(hostAddress)}`);
    else {
      host = m[1]!.replace(/^\[|\]$/g, '');
      if (m[2] !== undefined) port = Number(m[2]);
    }
  }
  const db = numberAt(p, cfg.db, [...path, 'db'], { integer: true, min: 0 }) ?? 0;
  const password = readSecretSelector(p, cfg.password, [...path, 'password'], false);
  const username = stringAt(p, cfg.username, [...path, 'username'], false);
  const tls = readTls(p, cfg.tls, [...path, 'tls']);
  if (p.list.length > before || host === undefined) return undefined;
  return {
    host,
    port,
    db,
    ...(password ? { password } : {}),
    ...(username ? { username } : {}),
    ...(tls ? { tls } : {}),
  };
}

/** A connected client; reconnects on its own (logging through `onError`) until closed. */
export async function openRedis(
  plan: RedisConnectionPlan,
  secrets: SecretStore,
  onError: (e: Error) => void,
): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis({
    host: plan.host,
    port: plan.port,
    db: plan.db,
    ...(plan.username ? { username: plan.username } : {}),
    ...(plan.password ? { password: resolveSecret(secrets, plan.password, 'password') } : {}),
    ...(plan.tls ? { tls: tlsOptions(plan.tls, (ref, field) => resolveSecret(secrets, ref, field)) } : {}),
    lazyConnect: true,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  client.on('error', onError);
  try {
    await client.connect();
  } catch (e) {
    client.disconnect();
    throw e;
  }
  return client;
}
