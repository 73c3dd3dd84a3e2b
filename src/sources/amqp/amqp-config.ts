// Argo's `amqp` EventSource config (url/urlSecret, exchange*, routingKey, exchangeDeclare,
// queueDeclare, queueBind, consume, auth, tls, connectionBackoff, jsonBody, metadata), read into
// a plain-JSON plan. Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import {
  readBasicAuth,
  readSecretSelector,
  readTls,
  type BasicAuthPlan,
  type TlsPlan,
} from '../listener-common/broker-settings.js';
import { readBackoff, type BackoffPlan } from '../listener-common/connection-backoff.js';

export interface AmqpPlan {
  url?: string;
  urlSecret?: SecretKeySelector;
  exchangeName: string;
  exchangeType: string;
  routingKey: string;
  exchangeDeclare: { durable: boolean; autoDelete: boolean; internal: boolean; noWait: boolean };
  queueDeclare: { name: string; durable: boolean; autoDelete: boolean; exclusive: boolean; noWait: boolean; arguments?: Record<string, unknown> };
  queueBind: { noWait: boolean };
  consume: { consumerTag: string; exclusive: boolean; noLocal: boolean; noWait: boolean };
  auth?: BasicAuthPlan;
  tls?: TlsPlan;
  backoff: BackoffPlan;
  jsonBody: boolean;
  metadata?: Record<string, string>;
}

function flags<K extends string>(p: Problems, o: Obj | undefined, path: PathSegment[], defaults: Record<K, boolean>): Record<K, boolean> {
  const out = { ...defaults };
  if (!o) return out;
  for (const k of Object.keys(defaults) as K[]) {
    const v = boolAt(p, o[k], [...path, k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function readAmqpConfig(p: Problems, cfg: Obj, path: PathSegment[]): AmqpPlan | undefined {
  const before = p.list.length;
  const url = stringAt(p, cfg.url, [...path, 'url'], false);
  const urlSecret = readSecretSelector(p, cfg.urlSecret, [...path, 'urlSecret'], false);
  if (url === undefined && urlSecret === undefined) p.add(path, 'either url or urlSecret must be specified');
  if (url !== undefined && urlSecret !== undefined) p.add(path, 'url and urlSecret cannot be specified together');
  if (url !== undefined && !/^amqps?:\/\//.test(url)) p.add([...path, 'url'], `must be an amqp:// or amqps:// URL, got ${JSON.stringify(url)}`);
  const exchangeName = stringAt(p, cfg.exchangeName, [...path, 'exchangeName'], true);
  const exchangeType = stringAt(p, cfg.exchangeType, [...path, 'exchangeType'], true);
  const routingKey = stringAt(p, cfg.routingKey, [...path, 'routingKey'], true);
  const ed = objectAt(p, cfg.exchangeDeclare, [...path, 'exchangeDeclare'], false);
  const qdPath = [...path, 'queueDeclare'];
  const qd = objectAt(p, cfg.queueDeclare, qdPath, false);
  const qb = objectAt(p, cfg.queueBind, [...path, 'queueBind'], false);
  const cPath = [...path, 'consume'];
  const c = objectAt(p, cfg.consume, cPath, false);
  // Argo's defaults when a block is absent (eventsources/sources/amqp/start.go).
  const queueFlags = flags(p, qd, qdPath, { durable: false, autoDelete: false, exclusive: true, noWait: false });
  let args: Record<string, unknown> | undefined;
  const rawArgs = stringAt(p, qd?.arguments, [...qdPath, 'arguments'], false);
  if (rawArgs !== undefined) {
    try {
      const parsed: unknown = JSON.parse(rawArgs);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
      else p.add([...qdPath, 'arguments'], 'must be a JSON object, e.g. {"x-queue-type": "quorum"}');
    } catch {
      p.add([...qdPath, 'arguments'], 'must be a JSON object, e.g. {"x-queue-type": "quorum"}');
    }
  }
  // `autoAck` is read but not honoured: Eventide always acks after the Sensors accepted (README).
  boolAt(p, c?.autoAck, [...cPath, 'autoAck']);
  const consumeFlags = flags(p, c, cPath, { exclusive: false, noLocal: false, noWait: false });
  const plan: AmqpPlan = {
    exchangeName: exchangeName ?? '',
    exchangeType: exchangeType ?? '',
    routingKey: routingKey ?? '',
    exchangeDeclare: flags(p, ed, [...path, 'exchangeDeclare'], { durable: true, autoDelete: false, internal: false, noWait: false }),
    queueDeclare: { name: stringAt(p, qd?.name, [...qdPath, 'name'], false) ?? '', ...queueFlags, ...(args ? { arguments: args } : {}) },
    queueBind: flags(p, qb, [...path, 'queueBind'], { noWait: false }),
    consume: { consumerTag: stringAt(p, c?.consumerTag, [...cPath, 'consumerTag'], false) ?? 'argo-events', ...consumeFlags },
    backoff: readBackoff(p, cfg.connectionBackoff, [...path, 'connectionBackoff']),
    jsonBody: boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false,
  };
  if (url !== undefined) plan.url = url;
  if (urlSecret) plan.urlSecret = urlSecret;
  const auth = readBasicAuth(p, cfg, path);
  if (auth) plan.auth = auth;
  const tls = readTls(p, cfg.tls, [...path, 'tls']);
  if (tls) plan.tls = tls;
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  return p.list.length > before ? undefined : plan;
}
