// The minio EventSource's config reader (field paths of its problems) and its record→event mapping
// (Argo's MinioEventData {notification: [record], metadata}, the record in minio-go's shape, ids
// from the record's identity).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { readMinioConfig } from '../../../src/sources/minio/minio-config.js';
import { argoRecord, minioEvent } from '../../../src/sources/minio/minio-events.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readMinioConfig(p, cfg, ['spec', 'minio', 'm']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

const argoExample = {
  bucket: { name: 'input' },
  endpoint: 'minio-service.argo-events:9000',
  events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:Delete'],
  insecure: true,
  accessKey: { key: 'accesskey', name: 'artifacts-minio' },
  secretKey: { key: 'secretkey', name: 'artifacts-minio' },
};

test('Argo’s example reads into a plan', () => {
  assert.deepEqual(read(argoExample), {
    problems: [],
    plan: {
      bucket: 'input',
      host: 'minio-service.argo-events',
      port: 9000,
      useSSL: false,
      events: ['s3:ObjectCreated:Put', 's3:ObjectRemoved:Delete'],
      prefix: '',
      suffix: '',
      accessKey: { key: 'accesskey', name: 'artifacts-minio' },
      secretKey: { key: 'secretkey', name: 'artifacts-minio' },
    },
  });
  const filtered = read({
    ...argoExample,
    insecure: undefined,
    filter: { prefix: 'hello-', suffix: '.txt' },
    region: 'eu',
  });
  assert.equal(filtered.plan?.prefix, 'hello-');
  assert.equal(filtered.plan?.suffix, '.txt');
  assert.equal(filtered.plan?.useSSL, true);
  assert.equal(filtered.plan?.region, 'eu');
});

test('missing and bad fields are named by path', () => {
  assert.deepEqual(read({}).problems, [
    'spec.minio.m.bucket: required',
    'spec.minio.m.endpoint: required',
    'spec.minio.m.accessKey: required',
    'spec.minio.m.secretKey: required',
  ]);
  assert.deepEqual(
    read({
      ...argoExample,
      bucket: {},
      endpoint: 'http://minio:9000',
      events: ['ObjectCreated'],
      filter: { prefix: 3 },
    }).problems,
    [
      'spec.minio.m.bucket.name: required',
      'spec.minio.m.endpoint: must be host or host:port without a scheme (use insecure: true for plain HTTP), got "http://minio:9000"',
      'spec.minio.m.events[0]: unknown event "ObjectCreated": names look like s3:ObjectCreated:Put or s3:ObjectRemoved:*',
      'spec.minio.m.filter.prefix: must be a string, got number 3',
    ],
  );
});

/** A record as MinIO's listen stream sends it (trimmed to a plausible set of fields). */
const record = {
  eventVersion: '2.0',
  eventSource: 'minio:s3',
  awsRegion: '',
  eventTime: '2026-12-07T23:00:00.123Z',
  eventName: 's3:ObjectCreated:Put',
  userIdentity: { principalId: 'minioadmin' },
  requestParameters: { principalId: 'minioadmin', region: '', sourceIPAddress: '127.0.0.1' },
  responseElements: { 'x-amz-request-id': '17F0', 'content-length': '0' },
  s3: {
    s3SchemaVersion: '1.0',
    configurationId: 'Config',
    bucket: { name: 'input', ownerIdentity: { principalId: 'minioadmin' }, arn: 'arn:aws:s3:::input' },
    object: {
      key: 'in%2Fa.txt',
      size: 5,
      eTag: 'abc',
      contentType: 'text/plain',
      userMetadata: { 'content-type': 'text/plain' },
      sequencer: '17F0A',
    },
  },
  source: { host: '127.0.0.1', port: '', userAgent: 'MinIO (linux; x64) minio-js/8.0.7' },
};

test('a record becomes Argo’s MinioEventData with one notification, metadata when configured', () => {
  const plan = read({ ...argoExample, metadata: { team: 'data' } }).plan!;
  const draft = minioEvent(plan, record);
  assert.deepEqual(draft.data, { notification: [record], metadata: { team: 'data' } });
  assert.equal(draft.time, Date.parse(record.eventTime));
  assert.match(draft.id!, /^minio:[0-9a-f]+$/);
  assert.equal(minioEvent(plan, structuredClone(record)).id, draft.id, 'the same record, the same id');
  const other = structuredClone(record);
  other.s3.object.sequencer = '17F0B';
  assert.notEqual(minioEvent(plan, other).id, draft.id);
  assert.deepEqual(Object.keys(minioEvent(read(argoExample).plan!, record).data as object), ['notification']);
});

test('the record takes minio-go’s shape: Go zero values for what is missing, omitempty fields left out', () => {
  const sparse = argoRecord({
    eventName: 's3:ObjectRemoved:Delete',
    s3: { bucket: { name: 'b' }, object: { key: 'k', extra: 1 } },
    unknown: true,
  });
  assert.deepEqual(sparse, {
    eventVersion: '',
    eventSource: '',
    awsRegion: '',
    eventTime: '',
    eventName: 's3:ObjectRemoved:Delete',
    userIdentity: { principalId: '' },
    requestParameters: null,
    responseElements: null,
    s3: {
      s3SchemaVersion: '',
      configurationId: '',
      bucket: { name: 'b', ownerIdentity: { principalId: '' }, arn: '' },
      object: { key: 'k', sequencer: '' },
    },
    source: { host: '', port: '', userAgent: '' },
  });
});
