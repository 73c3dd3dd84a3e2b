// nats.js connection options from Argo's `url` / `tls` / `auth` (shared by the nats EventSource
// and the nats trigger). Secrets are resolved here and go only into the client's options.
// nats is loaded when options are first built (just before connecting), so `eventide validate`
// does not load it.
import type { ConnectionOptions } from 'nats';
import type { SecretStore } from '../../secrets/secret-store.js';
import { readFileSync } from 'node:fs';
import { tlsOptions, type TlsPlan } from '../listener-common/broker-settings.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { NatsAuth } from './nats-config.js';

/** Reads a file a secret points at when the value is a path (Argo mounts nkey/creds as files). */
function secretFileOrValue(value: string): string {
  if (value.startsWith('/') && !value.includes('\n')) {
    try {
      return readFileSync(value, 'utf8');
    } catch {
      return value;
    }
  }
  return value;
}

type Resolve = (ref: import('../../vocabulary/manifest-types.js').SecretKeySelector, field: string) => string;

async function authenticator(auth: NatsAuth, resolve: Resolve): Promise<Pick<ConnectionOptions, 'authenticator'>> {
  const { credsAuthenticator, nkeyAuthenticator, tokenAuthenticator, usernamePasswordAuthenticator } =
    await import('nats');
  const bytes = (s: string) => new TextEncoder().encode(secretFileOrValue(s).trim());
  switch (auth.kind) {
    case 'basic':
      return {
        authenticator: usernamePasswordAuthenticator(
          resolve(auth.username, 'auth.basic.username'),
          resolve(auth.password, 'auth.basic.password'),
        ),
      };
    case 'token':
      return { authenticator: tokenAuthenticator(resolve(auth.token, 'auth.token')) };
    case 'nkey':
      return { authenticator: nkeyAuthenticator(bytes(resolve(auth.seed, 'auth.nkey'))) };
    case 'credential':
      return { authenticator: credsAuthenticator(bytes(resolve(auth.creds, 'auth.credential'))) };
  }
}

/** Options for nats.js `connect`; `resolve` turns a missing secret into the caller's error kind. */
export async function natsConnectionOptions(
  o: { url: string; tls?: TlsPlan; auth?: NatsAuth; name: string },
  secrets: SecretStore,
  resolve: Resolve,
): Promise<ConnectionOptions> {
  return {
    servers: o.url,
    name: o.name,
    ...(o.auth ? await authenticator(o.auth, resolve) : {}),
    ...(o.tls ? { tls: tlsOptions(o.tls, (ref, field) => resolveSecret(secrets, ref, field)) } : {}),
    // Reconnect forever: while disconnected the listener logs why it is not consuming.
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
  };
}
