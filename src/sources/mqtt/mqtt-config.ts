// Argo's `mqtt` EventSource config (url, topic, clientId, jsonBody, tls, auth, connectionBackoff,
// metadata), read into a plain-JSON plan. Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readBasicAuth, readTls, type BasicAuthPlan, type TlsPlan } from '../listener-common/broker-settings.js';
import { readBackoff, type BackoffPlan } from '../listener-common/connection-backoff.js';

export interface MqttPlan {
  url: string;
  topic: string;
  clientId: string;
  jsonBody: boolean;
  tls?: TlsPlan;
  auth?: BasicAuthPlan;
  backoff: BackoffPlan;
  metadata?: Record<string, string>;
}

const SCHEMES = ['tcp', 'mqtt', 'ssl', 'tls', 'mqtts', 'ws', 'wss'];

export function readMqttConfig(p: Problems, cfg: Obj, path: PathSegment[]): MqttPlan | undefined {
  const before = p.list.length;
  const url = stringAt(p, cfg.url, [...path, 'url'], true);
  if (url !== undefined) {
    const scheme = /^([a-z]+):\/\//.exec(url)?.[1];
    if (!scheme || !SCHEMES.includes(scheme))
      p.add([...path, 'url'], `must be a broker URL like tcp://host:1883 (schemes ${SCHEMES.join(', ')}), got ${JSON.stringify(url)}`);
  }
  const topic = stringAt(p, cfg.topic, [...path, 'topic'], true);
  // A fixed client id is what makes the broker keep the session (and queue QoS 1 messages) while
  // no listener runs; Argo requires it too.
  const clientId = stringAt(p, cfg.clientId, [...path, 'clientId'], true);
  const plan: MqttPlan = {
    url: url ?? '',
    topic: topic ?? '',
    clientId: clientId ?? '',
    jsonBody: boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false,
    backoff: readBackoff(p, cfg.connectionBackoff, [...path, 'connectionBackoff']),
  };
  const tls = readTls(p, cfg.tls, [...path, 'tls']);
  if (tls) plan.tls = tls;
  const auth = readBasicAuth(p, cfg, path);
  if (auth) plan.auth = auth;
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  return p.list.length > before ? undefined : plan;
}
