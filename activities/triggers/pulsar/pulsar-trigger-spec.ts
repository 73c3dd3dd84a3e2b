// Argo's `pulsar` trigger block read into a plan: the connection (shared with the pulsar
// EventSource: url, tls*, authTokenSecret, connectionBackoff; Athenz refused) and the topic.
// Pure: validation and execution share it.
import type { PathSegment } from '../../../src/vocabulary/field-path.js';
import type { Problems } from '../../../src/vocabulary/problems.js';
import type { Obj } from '../../../src/vocabulary/shape-checks.js';
import {
  readPulsarConnection,
  readTopic,
  type PulsarConnectionPlan,
  type PulsarTopic,
} from '../../../src/sources/pulsar/pulsar-connection.js';

export interface PulsarTriggerPlan {
  connection: PulsarConnectionPlan;
  topic: PulsarTopic;
}

export function readPulsarTrigger(p: Problems, spec: Obj, path: PathSegment[]): PulsarTriggerPlan | undefined {
  const before = p.list.length;
  const connection = readPulsarConnection(p, spec, path);
  const topic = readTopic(p, spec.topic, [...path, 'topic']);
  if (p.list.length > before || !connection || !topic) return undefined;
  return { connection, topic };
}
