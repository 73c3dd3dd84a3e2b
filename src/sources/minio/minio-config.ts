// Argo's `minio` EventSource config (an S3Artifact: bucket, endpoint, events, filter{prefix,suffix},
// insecure, accessKey/secretKey, region, caCertificate, metadata), read into the plan the MinIO
// listener runs. Pure: validation and the listener share it.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, listAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';

export interface MinioPlan {
  bucket: string;
  /** host[:port] as minio-go takes it (no scheme) */
  host: string;
  port?: number;
  useSSL: boolean;
  region?: string;
  events: string[];
  prefix: string;
  suffix: string;
  accessKey: SecretKeySelector;
  secretKey: SecretKeySelector;
  caCertificate?: SecretKeySelector;
  metadata?: Record<string, string>;
}

/** An S3/MinIO event name such as s3:ObjectCreated:Put or s3:ObjectRemoved:*. */
const EVENT_NAME = /^s3:[A-Za-z]+(:[A-Za-z*]+)?$/;

function readEndpoint(p: Problems, cfg: Obj, path: PathSegment[], plan: Partial<MinioPlan>): void {
  const endpoint = stringAt(p, cfg.endpoint, [...path, 'endpoint'], true);
  if (endpoint === undefined) return;
  // minio-go takes host[:port] and refuses a URL; so does Eventide, saying why.
  const m = /^(\[[0-9a-fA-F:]+\]|[^/:\s[\]]+)(?::(\d{1,5}))?$/.exec(endpoint);
  if (!m) {
    p.add(
      [...path, 'endpoint'],
      `must be host or host:port without a scheme (use insecure: true for plain HTTP), got ${JSON.stringify(endpoint)}`,
    );
    return;
  }
  plan.host = m[1]!.replace(/^\[|\]$/g, '');
  if (m[2] !== undefined) {
    const port = Number(m[2]);
    if (port < 1 || port > 65535) p.add([...path, 'endpoint'], `port must be 1-65535, got ${m[2]}`);
    else plan.port = port;
  }
}

function readEvents(p: Problems, cfg: Obj, path: PathSegment[]): string[] {
  const list = listAt(p, cfg.events, [...path, 'events'], false) ?? [];
  const out: string[] = [];
  list.forEach((v, i) => {
    const s = stringAt(p, v, [...path, 'events', i], true);
    if (s === undefined) return;
    if (EVENT_NAME.test(s)) out.push(s);
    else
      p.add(
        [...path, 'events', i],
        `unknown event ${JSON.stringify(s)}: names look like s3:ObjectCreated:Put or s3:ObjectRemoved:*`,
      );
  });
  return out;
}

/** Reads one minio event config, recording problems; the plan is undefined if any were found. */
export function readMinioConfig(p: Problems, cfg: Obj, path: PathSegment[]): MinioPlan | undefined {
  const before = p.list.length;
  const plan: Partial<MinioPlan> = {};
  const bucket = objectAt(p, cfg.bucket, [...path, 'bucket'], true);
  if (bucket) {
    const name = stringAt(p, bucket.name, [...path, 'bucket', 'name'], true);
    stringAt(p, bucket.key, [...path, 'bucket', 'key'], false);
    if (name !== undefined) plan.bucket = name;
  }
  readEndpoint(p, cfg, path, plan);
  plan.useSSL = !(boolAt(p, cfg.insecure, [...path, 'insecure']) ?? false);
  const region = stringAt(p, cfg.region, [...path, 'region'], false);
  if (region !== undefined) plan.region = region;
  plan.events = readEvents(p, cfg, path);
  // `filter` is S3's key filter here (Argo's S3Artifact has no filter.expression).
  const filter = objectAt(p, cfg.filter, [...path, 'filter'], false);
  plan.prefix = (filter && stringAt(p, filter.prefix, [...path, 'filter', 'prefix'], false)) ?? '';
  plan.suffix = (filter && stringAt(p, filter.suffix, [...path, 'filter', 'suffix'], false)) ?? '';
  const accessKey = readSecretSelector(p, cfg.accessKey, [...path, 'accessKey'], true);
  const secretKey = readSecretSelector(p, cfg.secretKey, [...path, 'secretKey'], true);
  const ca = readSecretSelector(p, cfg.caCertificate, [...path, 'caCertificate'], false);
  if (accessKey) plan.accessKey = accessKey;
  if (secretKey) plan.secretKey = secretKey;
  if (ca) plan.caCertificate = ca;
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  if (p.list.length > before) return undefined;
  return plan as MinioPlan;
}
