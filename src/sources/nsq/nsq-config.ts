// Argo's `nsq` EventSource config (hostAddress: an nsqlookupd HTTP address, topic, channel, tls,
// jsonBody, metadata), read into a plain-JSON plan. Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readTls, type TlsPlan } from '../listener-common/broker-settings.js';
import { readBackoff, type BackoffPlan } from '../listener-common/connection-backoff.js';

export interface NsqPlan {
  hostAddress: string;
  topic: string;
  channel: string;
  tls?: TlsPlan;
  jsonBody: boolean;
  backoff: BackoffPlan;
  metadata?: Record<string, string>;
}

export function readNsqConfig(p: Problems, cfg: Obj, path: PathSegment[]): NsqPlan | undefined {
  const before = p.list.length;
  const hostAddress = stringAt(p, cfg.hostAddress, [...path, 'hostAddress'], true);
  if (hostAddress !== undefined && !/^[^\s/:]+:\d+$/.test(hostAddress.replace(/^https?:\/\//, '')))
    p.add([...path, 'hostAddress'], `must be the nsqlookupd HTTP address as host:port, got ${JSON.stringify(hostAddress)}`);
  const plan: NsqPlan = {
    hostAddress: hostAddress ?? '',
    topic: stringAt(p, cfg.topic, [...path, 'topic'], true) ?? '',
    channel: stringAt(p, cfg.channel, [...path, 'channel'], true) ?? '',
    jsonBody: boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false,
    backoff: readBackoff(p, cfg.connectionBackoff, [...path, 'connectionBackoff']),
  };
  const tls = readTls(p, cfg.tls, [...path, 'tls']);
  if (tls) plan.tls = tls;
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  return p.list.length > before ? undefined : plan;
}
