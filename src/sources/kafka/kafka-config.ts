// Argo's `kafka` EventSource config read into a typed plan: connection (url, tls, sasl, version),
// topic and either a partition or a consumer group, rate limit, jsonBody, metadata, backoff.
// Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, numberAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readKafkaConnection, type KafkaConnectionPlan } from './kafka-connection.js';
import { readBackoff, type BackoffPlan } from '../listener-common/connection-backoff.js';

/** Argo's (sarama's) rebalance strategies; kafkajs ships only round-robin, see the README. */
const REBALANCE_STRATEGIES = ['sticky', 'roundrobin', 'range'] as const;

export interface KafkaPlan {
  connection: KafkaConnectionPlan;
  topic: string;
  /** a single partition to read (Argo's partition consumer), when no consumer group is set */
  partition?: number;
  consumerGroup?: {
    groupName: string;
    oldest: boolean;
    rebalanceStrategy: (typeof REBALANCE_STRATEGIES)[number];
  };
  /** 0 = unlimited */
  limitEventsPerSecond: number;
  jsonBody: boolean;
  metadata?: Record<string, string>;
  backoff: BackoffPlan;
}

function readConsumerGroup(p: Problems, v: unknown, path: PathSegment[]): KafkaPlan['consumerGroup'] {
  const g = objectAt(p, v, path, false);
  if (!g) return undefined;
  const groupName = stringAt(p, g.groupName, [...path, 'groupName'], true);
  const oldest = boolAt(p, g.oldest, [...path, 'oldest']) ?? false;
  const raw = stringAt(p, g.rebalanceStrategy, [...path, 'rebalanceStrategy'], false) ?? 'range';
  const strategy = REBALANCE_STRATEGIES.find((s) => s === raw.toLowerCase());
  if (!strategy)
    p.add(
      [...path, 'rebalanceStrategy'],
      `must be one of sticky, roundrobin, range, got ${JSON.stringify(raw)}`,
    );
  if (groupName === undefined || !strategy) return undefined;
  return { groupName, oldest, rebalanceStrategy: strategy };
}

/** Fields Argo has that cannot run here: refused with the reason rather than ignored. */
function refuseUnsupported(p: Problems, cfg: Obj, path: PathSegment[]): void {
  if (cfg.schemaRegistry !== undefined && cfg.schemaRegistry !== null)
    p.add(
      [...path, 'schemaRegistry'],
      'not supported: Eventide does not decode Avro through a schema registry; publish JSON and use jsonBody',
    );
  if (cfg.awsMskIamAuth !== undefined && cfg.awsMskIamAuth !== null)
    p.add(
      [...path, 'awsMskIamAuth'],
      'not supported: kafkajs has no AWS MSK IAM mechanism; use sasl (SCRAM) on MSK',
    );
}

export function readKafkaConfig(p: Problems, cfg: Obj, path: PathSegment[]): KafkaPlan | undefined {
  const before = p.list.length;
  const connection = readKafkaConnection(p, cfg, path);
  const topic = stringAt(p, cfg.topic, [...path, 'topic'], true);
  const consumerGroup = readConsumerGroup(p, cfg.consumerGroup, [...path, 'consumerGroup']);
  const rawPartition = cfg.partition;
  let partition: number | undefined;
  if (rawPartition !== undefined && rawPartition !== null && rawPartition !== '') {
    // Argo's partition is a string holding an int32.
    partition = numberAt(p, rawPartition, [...path, 'partition'], {
      integer: true,
      min: 0,
      max: 2 ** 31 - 1,
    });
  }
  if (partition === undefined && cfg.consumerGroup === undefined && !(p.list.length > before))
    p.add(path, 'consumerGroup or partition must be specified');
  const limit =
    numberAt(p, cfg.limitEventsPerSecond, [...path, 'limitEventsPerSecond'], { integer: true, min: 0 }) ?? 0;
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  // `config` is sarama's YAML consumer config: it has no kafkajs counterpart, so only its type is checked.
  stringAt(p, cfg.config, [...path, 'config'], false);
  const backoff = readBackoff(p, cfg.connectionBackoff, [...path, 'connectionBackoff']);
  const metadata = readMetadata(p, cfg, path);
  refuseUnsupported(p, cfg, path);
  if (p.list.length > before || !connection || topic === undefined) return undefined;
  return {
    connection,
    topic,
    ...(consumerGroup ? { consumerGroup } : partition !== undefined ? { partition } : {}),
    limitEventsPerSecond: limit,
    jsonBody,
    ...(metadata ? { metadata } : {}),
    backoff,
  };
}
