// Argo's `redis` (pub/sub) EventSource config: connection, `channels`, `jsonBody`, `metadata`.
// Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { stringListAt } from '../git-hosts/git-host-rules.js';
import { readRedisConnection, type RedisConnectionPlan } from './redis-connection.js';

export interface RedisPlan {
  connection: RedisConnectionPlan;
  channels: string[];
  jsonBody: boolean;
  metadata?: Record<string, string>;
}

export function readRedisConfig(p: Problems, cfg: Obj, path: PathSegment[]): RedisPlan | undefined {
  const before = p.list.length;
  const connection = readRedisConnection(p, cfg, path);
  const channels = stringListAt(p, cfg.channels, [...path, 'channels'], true);
  if (channels?.length === 0) p.add([...path, 'channels'], 'at least one channel is required');
  // Argo's deprecated `namespace` is accepted and ignored, as Argo ignores it.
  stringAt(p, cfg.namespace, [...path, 'namespace'], false);
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || !connection || !channels) return undefined;
  return { connection, channels, jsonBody, ...(metadata ? { metadata } : {}) };
}
