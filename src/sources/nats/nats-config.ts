// Argo's `nats` EventSource config (url, subject, queue, jsonBody, tls, auth, connectionBackoff,
// metadata) plus Eventide's `jetStream` block: consume through a durable JetStream consumer with
// explicit acks instead of a core subscription. Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, numberAt, objectAt, oneOf, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { parseGoDuration } from '../../lang/duration/index.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readTls, type TlsPlan } from '../listener-common/broker-settings.js';
import { readBackoff, type BackoffPlan } from '../listener-common/connection-backoff.js';
import { readSecretSelector as secretAt } from '../listener-common/secret-selector.js';

export type NatsAuth =
  | { kind: 'basic'; username: SecretKeySelector; password: SecretKeySelector }
  | { kind: 'token'; token: SecretKeySelector }
  | { kind: 'nkey'; seed: SecretKeySelector }
  | { kind: 'credential'; creds: SecretKeySelector };

export interface JetStreamPlan {
  /** the stream that captures `subject` (it must exist) */
  stream: string;
  /** the durable consumer's name; created on first start when absent */
  durable: string | undefined;
  /** where a new durable consumer starts: every stored message, or only new ones */
  deliverPolicy: 'all' | 'new';
  /** how long the server waits for an ack before redelivering (the listener extends it while delivering) */
  ackWaitMs: number;
  /** messages fetched per batch */
  batchSize: number;
}

export interface NatsPlan {
  url: string;
  subject: string;
  queue?: string;
  jsonBody: boolean;
  tls?: TlsPlan;
  auth?: NatsAuth;
  backoff: BackoffPlan;
  metadata?: Record<string, string>;
  jetStream?: JetStreamPlan;
}

const NATS_URL = /^(nats|tls|ws|wss):\/\/|^[^:/]+(:\d+)?$/;

function readAuth(p: Problems, v: unknown, path: PathSegment[]): NatsAuth | undefined {
  const a = objectAt(p, v, path, false);
  if (!a) return undefined;
  const given = (['basic', 'token', 'nkey', 'credential'] as const).filter(
    (k) => a[k] !== undefined && a[k] !== null,
  );
  if (given.length > 1) {
    p.add(path, `only one of basic, token, nkey, credential may be given, got ${given.join(', ')}`);
    return undefined;
  }
  switch (given[0]) {
    case 'basic': {
      const b = objectAt(p, a.basic, [...path, 'basic'], true);
      const username = secretAt(p, b?.username, [...path, 'basic', 'username'], true);
      const password = secretAt(p, b?.password, [...path, 'basic', 'password'], true);
      return username && password ? { kind: 'basic', username, password } : undefined;
    }
    case 'token': {
      const token = secretAt(p, a.token, [...path, 'token'], true);
      return token && { kind: 'token', token };
    }
    case 'nkey': {
      const seed = secretAt(p, a.nkey, [...path, 'nkey'], true);
      return seed && { kind: 'nkey', seed };
    }
    case 'credential': {
      const creds = secretAt(p, a.credential, [...path, 'credential'], true);
      return creds && { kind: 'credential', creds };
    }
    default:
      return undefined;
  }
}

function durationMsAt(p: Problems, v: unknown, path: PathSegment[], fallback: number): number {
  const s = stringAt(p, v, path, false);
  if (s === undefined) return fallback;
  try {
    const ms = parseGoDuration(s);
    if (ms > 0) return ms;
    p.add(path, `must be positive, got ${JSON.stringify(s)}`);
  } catch (e) {
    p.add(path, `not a duration (e.g. "30s"): ${e instanceof Error ? e.message : String(e)}`);
  }
  return fallback;
}

function readJetStream(
  p: Problems,
  v: unknown,
  path: PathSegment[],
  queue: string | undefined,
): JetStreamPlan | undefined {
  const j = objectAt(p, v, path, false);
  if (!j) return undefined;
  const stream = stringAt(p, j.stream, [...path, 'stream'], true);
  const durable = stringAt(p, j.durable, [...path, 'durable'], false);
  if (durable !== undefined && /[.*>\s]/.test(durable))
    p.add(
      [...path, 'durable'],
      `must not contain '.', '*', '>' or whitespace, got ${JSON.stringify(durable)}`,
    );
  if (queue !== undefined)
    p.add([...path], 'queue and jetStream cannot be used together (a durable consumer is already shared)');
  const deliverPolicy =
    oneOf(p, j.deliverPolicy, [...path, 'deliverPolicy'], ['all', 'new'] as const) ?? 'all';
  const ackWaitMs = durationMsAt(p, j.ackWait, [...path, 'ackWait'], 30_000);
  const batchSize =
    numberAt(p, j.batchSize, [...path, 'batchSize'], { integer: true, min: 1, max: 1000 }) ?? 100;
  return stream === undefined ? undefined : { stream, durable, deliverPolicy, ackWaitMs, batchSize };
}

export function readNatsConfig(p: Problems, cfg: Obj, path: PathSegment[]): NatsPlan | undefined {
  const before = p.list.length;
  const url = stringAt(p, cfg.url, [...path, 'url'], true);
  if (url !== undefined && !NATS_URL.test(url))
    p.add([...path, 'url'], `must be a NATS URL such as nats://host:4222, got ${JSON.stringify(url)}`);
  const subject = stringAt(p, cfg.subject, [...path, 'subject'], true);
  if (subject !== undefined && /\s/.test(subject)) p.add([...path, 'subject'], 'must not contain whitespace');
  const queue = stringAt(p, cfg.queue, [...path, 'queue'], false);
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  const tls = readTls(p, cfg.tls, [...path, 'tls']);
  const auth = readAuth(p, cfg.auth, [...path, 'auth']);
  const backoff = readBackoff(p, cfg.connectionBackoff, [...path, 'connectionBackoff']);
  const metadata = readMetadata(p, cfg, path);
  const jetStream = readJetStream(p, cfg.jetStream, [...path, 'jetStream'], queue);
  if (p.list.length > before || url === undefined || subject === undefined) return undefined;
  return {
    url,
    subject,
    ...(queue !== undefined ? { queue } : {}),
    jsonBody,
    ...(tls ? { tls } : {}),
    ...(auth ? { auth } : {}),
    backoff,
    ...(metadata ? { metadata } : {}),
    ...(jetStream ? { jetStream } : {}),
  };
}
