// The `nats` trigger: publishes the built payload on `subject`, carrying the fire's idempotency
// key as the `Nats-Msg-Id` header. A JetStream stream that captures the subject dedupes a retried
// fire by that header within its duplicate window; with `jetStream: true` the publish also waits
// for the stream's ack, so a fire succeeds only once the message is stored.
// nats is loaded when a connection first opens, so `eventide validate` does not load it.
import type { NatsConnection } from 'nats';
import type { TriggerRequest } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../../trigger-errors.js';
import { natsConnectionOptions } from '../../../src/sources/nats/nats-connect.js';
import type { NatsAuth } from '../../../src/sources/nats/nats-config.js';
import type { TlsPlan } from '../../../src/sources/listener-common/broker-settings.js';
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';

interface NatsSpec {
  url?: string;
  subject?: string;
  jetStream?: boolean;
  tls?: Partial<TlsPlan>;
  auth?: {
    basic?: { username?: SecretKeySelector; password?: SecretKeySelector };
    token?: SecretKeySelector;
    nkey?: SecretKeySelector;
    credential?: SecretKeySelector;
  };
}

const IDEMPOTENCY_HEADER = 'Nats-Msg-Id';

const specOf = (req: TriggerRequest) => (req.fire.template.nats ?? {}) as NatsSpec;

function authOf(a: NatsSpec['auth']): NatsAuth | undefined {
  if (!a) return undefined;
  if (a.basic?.username && a.basic.password)
    return { kind: 'basic', username: a.basic.username, password: a.basic.password };
  if (a.token) return { kind: 'token', token: a.token };
  if (a.nkey) return { kind: 'nkey', seed: a.nkey };
  if (a.credential) return { kind: 'credential', creds: a.credential };
  return undefined;
}

/** Fires with the same url, auth and TLS references share a connection (no secret values in it). */
export function natsConnectionKey(req: TriggerRequest): string {
  const s = specOf(req);
  return JSON.stringify([s.url, s.auth ?? null, s.tls ?? null]);
}

export async function openNatsConnection(req: TriggerRequest): Promise<NatsConnection> {
  const s = specOf(req);
  if (!s.url) throw triggerConfigError('nats trigger: url is required', req.attempt);
  const secrets = req.services.secrets;
  const auth = authOf(s.auth);
  let opts;
  try {
    opts = await natsConnectionOptions(
      {
        url: s.url,
        name: `eventide-trigger-${req.sensor.namespace}-${req.sensor.name}`,
        ...(s.tls ? { tls: { insecureSkipVerify: false, ...s.tls } } : {}),
        ...(auth ? { auth } : {}),
      },
      secrets,
      (ref) => secrets.get(ref),
    );
  } catch (e) {
    throw triggerConfigError(`nats trigger: ${(e as Error).message}`, req.attempt);
  }
  const { connect } = await import('nats');
  try {
    return await connect(opts);
  } catch (e) {
    throw retryableTriggerError(
      `nats trigger: cannot connect to ${s.url}: ${(e as Error).message}`,
      req.attempt,
    );
  }
}

export async function closeNatsConnection(nc: NatsConnection): Promise<void> {
  await nc.drain().catch(() => nc.close());
}

function bytesOf(payload: unknown): Uint8Array {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload ?? {});
  return new TextEncoder().encode(text);
}

export async function natsTrigger(req: TriggerRequest, nc: NatsConnection | undefined): Promise<unknown> {
  const s = specOf(req);
  if (!s.subject) throw triggerConfigError('nats trigger: subject is required', req.attempt);
  if (!nc) throw retryableTriggerError('nats trigger: no connection', req.attempt);
  const { headers } = await import('nats');
  const h = headers();
  h.set(IDEMPOTENCY_HEADER, req.fire.idempotencyKey);
  const data = bytesOf(req.fire.payload);
  try {
    if (s.jetStream) {
      const ack = await nc
        .jetstream()
        .publish(s.subject, data, { msgID: req.fire.idempotencyKey, headers: h });
      return { subject: s.subject, stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
    }
    nc.publish(s.subject, data, { headers: h });
    await nc.flush(); // the server has it (or the connection failed, and the fire is retried)
    return { subject: s.subject, bytes: data.length };
  } catch (e) {
    throw retryableTriggerError(
      `nats trigger: publish on ${s.subject} failed: ${(e as Error).message}`,
      req.attempt,
    );
  }
}
