// The kafka EventSource's config reader (what validates is what runs), its event data (Argo's
// shape, ids from topic/partition/offset) and the kafka trigger's validation, by field path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { planOrThrow } from '../../../src/sources/source-config.js';
import { readKafkaConfig } from '../../../src/sources/kafka/kafka-config.js';
import { kafkaSource } from '../../../src/sources/kafka/kafka-source.js';
import { goTimeString, kafkaEventDraft, NotJsonError } from '../../../src/sources/kafka/kafka-event.js';
import { kafkajsConfig } from '../../../src/sources/kafka/kafka-connection.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';
import { readKafkaTrigger } from '../../../activities/triggers/kafka/kafka-trigger-spec.js';
import { validateKafka } from '../../../activities/triggers/kafka/rules.js';

function problemsOf(cfg: Record<string, unknown>): string[] {
  const p = new Problems();
  kafkaSource.validate(p, cfg, ['spec', 'kafka', 'e']);
  return p.list.map((x) => `${x.path.join('.')}: ${x.message}`);
}

test('a consumer-group config reads into its plan with Argo’s defaults', () => {
  const plan = planOrThrow(readKafkaConfig, {
    url: 'a:9092, b:9093',
    topic: 't',
    consumerGroup: { groupName: 'g', oldest: true, rebalanceStrategy: 'Sticky' },
    sasl: {
      mechanism: 'SCRAM-SHA-512',
      userSecret: { name: 's', key: 'u' },
      passwordSecret: { name: 's', key: 'p' },
    },
    connectionBackoff: { duration: '10s', steps: 5, factor: 2, jitter: 0.2 },
    metadata: { team: 'ops' },
  });
  assert.deepEqual(plan.connection.brokers, ['a:9092', 'b:9093']);
  assert.deepEqual(plan.consumerGroup, { groupName: 'g', oldest: true, rebalanceStrategy: 'sticky' });
  assert.equal(plan.backoff.durationMs, 10_000);
  assert.equal(plan.jsonBody, false);
  assert.equal(plan.limitEventsPerSecond, 0);
  assert.deepEqual(plan.metadata, { team: 'ops' });
  assert.equal(planOrThrow(readKafkaConfig, { url: 'k:9092', topic: 't', partition: '1' }).partition, 1);
});

test('bad configs are refused with field paths', () => {
  assert.deepEqual(problemsOf({ topic: 't', partition: '0' }), ['spec.kafka.e.url: required']);
  assert.deepEqual(problemsOf({ url: 'k:9092', topic: 't' }), [
    'spec.kafka.e: consumerGroup or partition must be specified',
  ]);
  assert.match(
    problemsOf({ url: 'kafka://k:9092', topic: 't', partition: '0' })[0]!,
    /^spec\.kafka\.e\.url: must be host:port/,
  );
  assert.match(
    problemsOf({ url: 'k:9092', topic: 't', partition: 'one' })[0]!,
    /^spec\.kafka\.e\.partition: must be a number/,
  );
  assert.match(
    problemsOf({
      url: 'k:9092',
      topic: 't',
      consumerGroup: { groupName: 'g', rebalanceStrategy: 'cooperative' },
    })[0]!,
    /rebalanceStrategy: must be one of/,
  );
  assert.match(
    problemsOf({ url: 'k:9092', topic: 't', partition: '0', sasl: { mechanism: 'GSSAPI' } }).join('\n'),
    /sasl\.mechanism: must be one of PLAIN/,
  );
  assert.match(
    problemsOf({ url: 'k:9092', topic: 't', partition: '0', schemaRegistry: { url: 'http://r' } })[0]!,
    /schemaRegistry: not supported/,
  );
  assert.match(
    problemsOf({ url: 'k:9092', topic: 't', partition: '0', connectionBackoff: { duration: 'soon' } })[0]!,
    /connectionBackoff\.duration: invalid duration/,
  );
  assert.match(
    problemsOf({ url: 'k:9092', topic: 't', partition: '0', filter: { expression: '(' } }).join('\n'),
    /filter/,
  );
});

test('event data has Argo’s shape; the id is the message identity', () => {
  const m = {
    topic: 't',
    partition: 2,
    offset: '41',
    key: Buffer.from('k'),
    value: Buffer.from('{"a":1}'),
    timestamp: '1765142202123',
    headers: { h: Buffer.from('v'), r: [Buffer.from('1'), Buffer.from('2')] },
  };
  const json = kafkaEventDraft(m, true, { team: 'ops' });
  assert.equal(json.id, 'kafka:t/2/41');
  assert.deepEqual(json.data, {
    topic: 't',
    key: 'k',
    partition: 2,
    timestamp: '2025-12-07 21:16:42.123 +0000 UTC',
    headers: { h: 'v', r: '2' },
    body: { a: 1 },
    metadata: { team: 'ops' },
  });
  assert.equal(
    (kafkaEventDraft(m, false).data as { body: string }).body,
    Buffer.from('{"a":1}').toString('base64'),
  );
  assert.throws(() => kafkaEventDraft({ ...m, value: Buffer.from('nope') }, true), NotJsonError);
  assert.equal(goTimeString(Date.UTC(2026, 0, 2, 3, 4, 5, 100)), '2026-01-02 03:04:05.1 +0000 UTC');
});

test('secrets resolve through the store; a missing one names only its reference', () => {
  const plan = planOrThrow(readKafkaConfig, {
    url: 'k:9092',
    topic: 't',
    partition: '0',
    sasl: { userSecret: { name: 'k', key: 'user' }, passwordSecret: { name: 'k', key: 'pass' } },
  });
  const store = createSecretStore({
    env: { EVENTIDE_SECRET_K_USER: 'alice', EVENTIDE_SECRET_K_PASS: 'pw' },
    dir: '/nonexistent',
  });
  assert.deepEqual(kafkajsConfig(plan.connection, store, 'c').sasl, {
    mechanism: 'plain',
    username: 'alice',
    password: 'pw',
  });
  const empty = createSecretStore({ env: { EVENTIDE_SECRET_K_USER: 'alice' }, dir: '/nonexistent' });
  assert.throws(
    () => kafkajsConfig(plan.connection, empty, 'c'),
    (e: Error) => e.message.includes('k/pass') && !e.message.includes('alice'),
  );
});

test('the kafka trigger validates Argo’s fields and refuses schemaRegistry with the reason', () => {
  const check = (spec: Record<string, unknown>) => {
    const p = new Problems();
    validateKafka(p, spec, ['kafka'], () => undefined);
    return p.list.map((x) => `${x.path.join('.')}: ${x.message}`);
  };
  const payload = [{ src: { dependencyName: 'd', dataKey: 'body' }, dest: 'b' }];
  assert.deepEqual(
    check({
      url: 'k:9092',
      topic: 't',
      payload,
      requiredAcks: 1,
      compress: true,
      flushFrequency: 100,
      headers: { a: 'b' },
    }),
    [],
  );
  assert.deepEqual(check({ url: 'k:9092', topic: 't' }), [
    'kafka.payload: required (Argo: payload must not be empty)',
  ]);
  assert.match(
    check({ url: 'k:9092', topic: 't', payload, schemaRegistry: { url: 'http://r', schemaId: 1 } })[0]!,
    /kafka\.schemaRegistry: not supported/,
  );
  assert.match(
    check({ url: 'k:9092', topic: 't', payload, requiredAcks: 2 })[0]!,
    /kafka\.requiredAcks: must be at most 1/,
  );
  const plan = readKafkaTrigger(
    new Problems(),
    {
      url: 'k:9092',
      topic: 't',
      partitioningKey: 'pk',
      secureHeaders: [{ name: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
    },
    ['kafka'],
  );
  assert.deepEqual(plan && { acks: plan.acks, key: plan.partitioningKey, secure: plan.secureHeaders }, {
    acks: -1,
    key: 'pk',
    secure: [{ name: 'x', secret: { name: 's', key: 'k' } }],
  });
});
