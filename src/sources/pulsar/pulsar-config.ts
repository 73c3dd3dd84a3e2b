// Argo's `pulsar` EventSource config (topics, type, url, tls*, authTokenSecret,
// connectionBackoff, jsonBody, metadata; authAthenz* refused), read into a plain-JSON plan.
// Pure: validation and the listener share it.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, listAt, oneOf, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readPulsarConnection, readTopic, type PulsarConnectionPlan, type PulsarTopic } from './pulsar-connection.js';

export interface PulsarPlan {
  connection: PulsarConnectionPlan;
  topics: PulsarTopic[];
  /** the subscription type; Argo's default is exclusive */
  type: 'exclusive' | 'shared';
  jsonBody: boolean;
  metadata?: Record<string, string>;
}

export function readPulsarConfig(p: Problems, cfg: Obj, path: PathSegment[]): PulsarPlan | undefined {
  const before = p.list.length;
  const connection = readPulsarConnection(p, cfg, path);
  const topics: PulsarTopic[] = [];
  const list = listAt(p, cfg.topics, [...path, 'topics'], true);
  if (list?.length === 0) p.add([...path, 'topics'], 'must name at least one topic');
  list?.forEach((t, i) => {
    const topic = readTopic(p, t, [...path, 'topics', i]);
    if (topic) topics.push(topic);
  });
  const type = oneOf(p, cfg.type === '' ? undefined : cfg.type, [...path, 'type'], ['exclusive', 'shared'] as const) ?? 'exclusive';
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || !connection) return undefined;
  return { connection, topics, type, jsonBody, ...(metadata ? { metadata } : {}) };
}
