// A MinIO bucket notification record as Argo's MinioEventData ({notification: [record], metadata}),
// the record in minio-go's notification.Event shape (the fields Argo's client decodes, with Go's
// zero values where the server left one out), and an id from the record's identity. Pure.
import { canonicalJson, hash128 } from '../../engine/stable-json.js';
import type { EventDraft } from '../source-type.js';
import type { MinioPlan } from './minio-config.js';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strMap = (v: unknown): Record<string, string> | null => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  return Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, str(x)]));
};

/** minio-go's notification.Event as encoding/json writes it (omitempty where minio-go has it). */
export function argoRecord(raw: unknown): Json {
  const r = obj(raw);
  const s3 = obj(r.s3);
  const bucket = obj(s3.bucket);
  const object = obj(s3.object);
  const source = obj(r.source);
  const size = typeof object.size === 'number' ? object.size : 0;
  const userMetadata = strMap(object.userMetadata);
  return {
    eventVersion: str(r.eventVersion),
    eventSource: str(r.eventSource),
    awsRegion: str(r.awsRegion),
    eventTime: str(r.eventTime),
    eventName: str(r.eventName),
    userIdentity: { principalId: str(obj(r.userIdentity).principalId) },
    requestParameters: strMap(r.requestParameters),
    responseElements: strMap(r.responseElements),
    s3: {
      s3SchemaVersion: str(s3.s3SchemaVersion),
      configurationId: str(s3.configurationId),
      bucket: {
        name: str(bucket.name),
        ownerIdentity: { principalId: str(obj(bucket.ownerIdentity).principalId) },
        arn: str(bucket.arn),
      },
      object: {
        key: str(object.key),
        ...(size !== 0 ? { size } : {}),
        ...(str(object.eTag) ? { eTag: str(object.eTag) } : {}),
        ...(str(object.contentType) ? { contentType: str(object.contentType) } : {}),
        ...(userMetadata && Object.keys(userMetadata).length > 0 ? { userMetadata } : {}),
        ...(str(object.versionId) ? { versionId: str(object.versionId) } : {}),
        sequencer: str(object.sequencer),
      },
    },
    source: { host: str(source.host), port: str(source.port), userAgent: str(source.userAgent) },
  };
}

/**
 * The event for one record. Its id hashes what identifies the notification (bucket, key, event
 * name, version, sequencer, time), so a record seen twice (a reconnect overlapping) dedupes.
 */
export function minioEvent(plan: MinioPlan, raw: unknown): EventDraft {
  const record = argoRecord(raw);
  const s3 = obj(record.s3);
  const object = obj(s3.object);
  const identity = [
    obj(s3.bucket).name,
    object.key,
    record.eventName,
    object.versionId ?? '',
    object.sequencer,
    record.eventTime,
  ];
  const time = Date.parse(str(record.eventTime));
  return {
    id: `minio:${hash128(canonicalJson(identity))}`,
    data: { notification: [record], ...(plan.metadata ? { metadata: plan.metadata } : {}) },
    ...(Number.isFinite(time) ? { time } : {}),
  };
}
