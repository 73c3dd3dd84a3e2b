// Argo's connectionBackoff defaults (pkg/shared/util/retry.go): 1 s, factor 1, jitter 1, 5 steps,
// each absent field defaulted on its own, and steps 0 meaning the default. One reader
// (listener-common/connection-backoff.ts) holds them; kafka and nats read connectionBackoff through
// it, and nats and redis read `tls` through the one TLS reader (listener-common/broker-settings.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { DEFAULT_BACKOFF, readBackoff } from '../../../src/sources/listener-common/connection-backoff.js';
import { readTls } from '../../../src/sources/listener-common/broker-settings.js';
import { readKafkaConfig } from '../../../src/sources/kafka/kafka-config.js';
import { readNatsConfig } from '../../../src/sources/nats/nats-config.js';
import { readRedisConfig } from '../../../src/sources/redis/redis-config.js';

function read(v: unknown): number[] {
  const p = new Problems();
  const b = readBackoff(p, v, ['connectionBackoff']);
  assert.deepEqual(p.list, []);
  return [b.durationMs, b.factor, b.jitter, b.steps];
}

function problemsOf(v: unknown): string[] {
  const p = new Problems();
  readBackoff(p, v, ['spec', 'x', 'ev', 'connectionBackoff']);
  return p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`);
}

test("connectionBackoff defaults are Argo's, field by field", () => {
  assert.deepEqual(read(undefined), [1000, 1, 1, 5], 'absent');
  assert.deepEqual(read({ duration: '3s' }), [3000, 1, 1, 5], 'only a duration');
  assert.deepEqual(read({ steps: 0, factor: 2 }), [1000, 2, 1, 5], 'steps 0 is the default');
  assert.deepEqual(read({ duration: 2e9, factor: 0, jitter: 1.5 }), [2000, 0, 1.5, 5], 'nanoseconds; factor 0, jitter > 1 as Argo takes them');
  assert.deepEqual(read({ duration: '500000000' }), [500, 1, 1, 5], 'a string of digits is nanoseconds');
});

test('connectionBackoff problems are named by field path', () => {
  assert.deepEqual(problemsOf('10s'), ['spec.x.ev.connectionBackoff: must be a map, got string "10s"']);
  const list = problemsOf({ duration: true, factor: -1, jitter: { a: 1 }, steps: 1.5 });
  assert.deepEqual(list.slice(0, 1), [
    'spec.x.ev.connectionBackoff.duration: must be a duration like "10s" or a number of nanoseconds',
  ]);
  assert.deepEqual(
    list.slice(1).map((l) => l.split(':')[0]),
    ['spec.x.ev.connectionBackoff.factor', 'spec.x.ev.connectionBackoff.jitter', 'spec.x.ev.connectionBackoff.steps'],
  );
  assert.match(problemsOf({ duration: 'soon' })[0] ?? '', /^spec\.x\.ev\.connectionBackoff\.duration: invalid duration "soon"/);
});

const given = { duration: '3s', factor: 2, jitter: 0.5, steps: 0 };

test('kafka and nats read connectionBackoff through the one reader', () => {
  const expected = readBackoff(new Problems(), given, []);
  const path = ['spec', 'x', 'ev'];
  const kafka = readKafkaConfig(new Problems(), { url: 'k:9092', topic: 't', partition: '0', connectionBackoff: given }, path);
  const nats = readNatsConfig(new Problems(), { url: 'nats://n:4222', subject: 's', connectionBackoff: given }, path);
  assert.deepEqual(kafka?.backoff, expected);
  assert.deepEqual(nats?.backoff, expected);
  assert.deepEqual(readKafkaConfig(new Problems(), { url: 'k:9092', topic: 't', partition: '0' }, path)?.backoff, DEFAULT_BACKOFF);
  // a problem in connectionBackoff refuses the whole config, with the shared reader's message
  for (const [name, readConfig, cfg] of [
    ['kafka', readKafkaConfig, { url: 'k:9092', topic: 't', partition: '0' }],
    ['nats', readNatsConfig, { url: 'nats://n:4222', subject: 's' }],
  ] as const) {
    const p = new Problems();
    assert.equal(readConfig(p, { ...cfg, connectionBackoff: { steps: -1 } }, path), undefined, name);
    assert.deepEqual(
      p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`),
      problemsOf({ steps: -1 }),
      name,
    );
  }
});

test('nats and redis read tls through the one reader', () => {
  const tls = { caCertSecret: { name: 's', key: 'ca' }, clientCertSecret: { name: 's', key: 'crt' } };
  const messages = (p: Problems) => p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`);
  const shared = new Problems();
  readTls(shared, tls, ['spec', 'x', 'ev', 'tls']);
  assert.deepEqual(messages(shared), ['spec.x.ev.tls: clientCertSecret and clientKeySecret must be given together']);
  const nats = new Problems();
  readNatsConfig(nats, { url: 'nats://n:4222', subject: 's', tls }, ['spec', 'x', 'ev']);
  const redis = new Problems();
  readRedisConfig(redis, { hostAddress: 'r:6379', channels: ['c'], tls }, ['spec', 'x', 'ev']);
  assert.deepEqual(messages(nats), messages(shared));
  assert.deepEqual(messages(redis), messages(shared));
});
