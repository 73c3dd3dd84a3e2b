// Argo's `kafka` trigger block read into a plan: the connection (shared with the kafka
// EventSource) and the message settings. Pure: validation and execution share it.
import type { PathSegment } from '../../../src/vocabulary/field-path.js';
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import type { Problems } from '../../../src/vocabulary/problems.js';
import {
  boolAt,
  listAt,
  numberAt,
  objectAt,
  stringAt,
  type Obj,
} from '../../../src/vocabulary/shape-checks.js';
import {
  readKafkaConnection,
  type KafkaConnectionPlan,
} from '../../../src/sources/kafka/kafka-connection.js';
import { checkSecretRef } from '../trigger-rules.js';

export interface KafkaTriggerPlan {
  connection: KafkaConnectionPlan;
  topic: string;
  /** only when written: Argo's producer hashes the key (or picks at random) whatever it says */
  partition?: number;
  /** kafkajs's acks: -1 all in-sync replicas (Argo's default), 0 none, 1 the leader */
  acks: -1 | 0 | 1;
  compress: boolean;
  partitioningKey?: string;
  headers: Record<string, string>;
  secureHeaders: { name: string; secret: SecretKeySelector }[];
}

export function readKafkaTrigger(p: Problems, spec: Obj, path: PathSegment[]): KafkaTriggerPlan | undefined {
  const before = p.list.length;
  const connection = readKafkaConnection(p, spec, path);
  const topic = stringAt(p, spec.topic, [...path, 'topic'], true);
  const partition = numberAt(p, spec.partition, [...path, 'partition'], {
    integer: true,
    min: 0,
    max: 2 ** 31 - 1,
  });
  const acks =
    numberAt(p, spec.requiredAcks, [...path, 'requiredAcks'], { integer: true, min: -1, max: 1 }) ?? -1;
  const compress = boolAt(p, spec.compress, [...path, 'compress']) ?? false;
  // Argo's async producer flushes every flushFrequency ms; each fire here is sent and acknowledged
  // before it counts as done, so the value is only checked.
  numberAt(p, spec.flushFrequency, [...path, 'flushFrequency'], { integer: true, min: 0 });
  const partitioningKey = stringAt(p, spec.partitioningKey, [...path, 'partitioningKey'], false);
  if (spec.schemaRegistry !== undefined && spec.schemaRegistry !== null)
    p.add(
      [...path, 'schemaRegistry'],
      'not supported: Eventide has no Avro encoder or schema-registry client; send the payload as JSON (remove schemaRegistry)',
    );
  const headers: Record<string, string> = {};
  const h = objectAt(p, spec.headers, [...path, 'headers'], false);
  for (const [k, v] of Object.entries(h ?? {})) {
    const s = stringAt(p, v, [...path, 'headers', k], true);
    if (s !== undefined) headers[k] = s;
  }
  const secureHeaders: KafkaTriggerPlan['secureHeaders'] = [];
  listAt(p, spec.secureHeaders, [...path, 'secureHeaders'], false)?.forEach((raw, i) => {
    const at = [...path, 'secureHeaders', i];
    const sh = objectAt(p, raw, at, true);
    if (!sh) return;
    const name = stringAt(p, sh.name, [...at, 'name'], true);
    const vf = objectAt(p, sh.valueFrom, [...at, 'valueFrom'], true);
    if (!vf) return;
    if (vf.secretKeyRef === undefined) {
      p.add([...at, 'valueFrom'], 'needs secretKeyRef (configMapKeyRef is not read by Eventide)');
      return;
    }
    const before2 = p.list.length;
    checkSecretRef(p, vf.secretKeyRef, [...at, 'valueFrom', 'secretKeyRef'], true);
    if (name !== undefined && p.list.length === before2)
      secureHeaders.push({ name, secret: vf.secretKeyRef as SecretKeySelector });
  });
  if (p.list.length > before || !connection || topic === undefined) return undefined;
  return {
    connection,
    topic,
    ...(partition !== undefined ? { partition } : {}),
    acks: acks as -1 | 0 | 1,
    compress,
    ...(partitioningKey !== undefined ? { partitioningKey } : {}),
    headers,
    secureHeaders,
  };
}
