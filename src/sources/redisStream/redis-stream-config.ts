// Argo's `redisStream` EventSource config: connection, `streams`, `consumerGroup`,
// `maxMsgCountPerRead`, `metadata`. Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { numberAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { stringListAt } from '../git-hosts/git-host-rules.js';
import { readRedisConnection, type RedisConnectionPlan } from '../redis/redis-connection.js';

export interface RedisStreamPlan {
  connection: RedisConnectionPlan;
  streams: string[];
  /** Argo's default: argo-events-cg */
  consumerGroup: string;
  /** Argo's default: 10 */
  maxMsgCountPerRead: number;
  metadata?: Record<string, string>;
}

export function readRedisStreamConfig(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
): RedisStreamPlan | undefined {
  const before = p.list.length;
  const connection = readRedisConnection(p, cfg, path);
  const streams = stringListAt(p, cfg.streams, [...path, 'streams'], true);
  if (streams?.length === 0) p.add([...path, 'streams'], 'at least one stream is required');
  const consumerGroup = stringAt(p, cfg.consumerGroup, [...path, 'consumerGroup'], false) ?? 'argo-events-cg';
  const count = numberAt(p, cfg.maxMsgCountPerRead, [...path, 'maxMsgCountPerRead'], {
    integer: true,
    min: 0,
    max: 10_000,
  });
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || !connection || !streams) return undefined;
  return {
    connection,
    streams,
    consumerGroup,
    maxMsgCountPerRead: count === undefined || count === 0 ? 10 : count,
    ...(metadata ? { metadata } : {}),
  };
}
