// The amqp and mqtt config readers: Argo's examples validate, mistakes are named by field path,
// defaults are Argo's, and the event drafts carry ids that survive redelivery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { validatePath } from '../../../src/manifest/validate-manifest.js';
import { Problems } from '../../../src/vocabulary/problems.js';
import { planOrThrow } from '../../../src/sources/source-config.js';
import { amqpSource } from '../../../src/sources/amqp/amqp-source.js';
import { readAmqpConfig } from '../../../src/sources/amqp/amqp-config.js';
import { mqttSource } from '../../../src/sources/mqtt/mqtt-source.js';
import { readMqttConfig } from '../../../src/sources/mqtt/mqtt-config.js';
import { mqttEventDraft } from '../../../src/sources/mqtt/mqtt-event.js';

const EXAMPLES = '/work/shared/argo-examples/event-sources';

function problemsOf(validate: typeof amqpSource.validate, type: string, cfg: Record<string, unknown>): string[] {
  const p = new Problems();
  validate(p, cfg, ['spec', type, 'e']);
  return p.list.map((x) => `${x.path.join('.')}: ${x.message}`);
}

for (const name of ['amqp', 'mqtt']) {
  const file = `${EXAMPLES}/${name}.yaml`;
  test(`Argo’s ${name} example validates`, { skip: existsSync(file) ? false : `${file} is absent` }, () => {
    const r = validatePath(file);
    assert.deepEqual(r.problems, []);
    assert.equal(r.valid.length, 1);
  });
}

test('amqp: required fields, url xor urlSecret, queue arguments as a JSON object', () => {
  assert.deepEqual(problemsOf(amqpSource.validate, 'amqp', {}), [
    'spec.amqp.e: either url or urlSecret must be specified',
    'spec.amqp.e.exchangeName: required',
    'spec.amqp.e.exchangeType: required',
    'spec.amqp.e.routingKey: required',
  ]);
  const base = { exchangeName: 'x', exchangeType: 'topic', routingKey: 'k' };
  assert.deepEqual(problemsOf(amqpSource.validate, 'amqp', { ...base, url: 'http://h', queueDeclare: { arguments: '[1]' } }), [
    'spec.amqp.e.url: must be an amqp:// or amqps:// URL, got "http://h"',
    'spec.amqp.e.queueDeclare.arguments: must be a JSON object, e.g. {"x-queue-type": "quorum"}',
  ]);
  assert.deepEqual(
    problemsOf(amqpSource.validate, 'amqp', { ...base, url: 'amqp://h', urlSecret: { name: 's', key: 'u' } }),
    ['spec.amqp.e: url and urlSecret cannot be specified together'],
  );
  assert.deepEqual(problemsOf(amqpSource.validate, 'amqp', { ...base, url: 'amqp://h', auth: { username: { name: 's' } } }), [
    'spec.amqp.e.auth.username.key: required',
    'spec.amqp.e.auth.password: required',
  ]);
});

test('amqp: Argo’s defaults (exclusive server-named queue, durable exchange)', () => {
  const plan = planOrThrow(readAmqpConfig, { url: 'amqp://h', exchangeName: 'x', exchangeType: 'fanout', routingKey: 'k' });
  assert.deepEqual(plan.queueDeclare, { name: '', durable: false, autoDelete: false, exclusive: true, noWait: false });
  assert.equal(plan.exchangeDeclare.durable, true);
  assert.equal(plan.consume.consumerTag, 'argo-events');
  // Argo's default connectionBackoff (pkg/shared/util/retry.go)
  assert.deepEqual(plan.backoff, { durationMs: 1000, factor: 1, jitter: 1, steps: 5 });
});

test('mqtt: url scheme, topic and clientId required; connectionBackoff read', () => {
  assert.deepEqual(problemsOf(mqttSource.validate, 'mqtt', { url: 'http://h' }), [
    'spec.mqtt.e.url: must be a broker URL like tcp://host:1883 (schemes tcp, mqtt, ssl, tls, mqtts, ws, wss), got "http://h"',
    'spec.mqtt.e.topic: required',
    'spec.mqtt.e.clientId: required',
  ]);
  const plan = planOrThrow(readMqttConfig, {
    url: 'tcp://h:1883',
    topic: 't',
    clientId: 'c',
    connectionBackoff: { duration: '10s', steps: 3, factor: '1.5', jitter: 0.1 },
  });
  assert.deepEqual(plan.backoff, { durationMs: 10_000, factor: 1.5, jitter: 0.1, steps: 3 });
});

test('mqtt: a redelivered message keeps its id; body is base64 unless jsonBody', () => {
  const plan = planOrThrow(readMqttConfig, { url: 'tcp://h', topic: 't', clientId: 'c' });
  const a = mqttEventDraft(plan, 'a/b', Buffer.from('{"x":1}'), 7);
  assert.equal(a.id, mqttEventDraft(plan, 'a/b', Buffer.from('{"x":1}'), 7).id);
  assert.notEqual(a.id, mqttEventDraft(plan, 'a/b', Buffer.from('{"x":2}'), 7).id, 'a reused packet id with another payload');
  assert.deepEqual(a.data, { topic: 'a/b', messageId: 7, body: Buffer.from('{"x":1}').toString('base64') });
  const json = planOrThrow(readMqttConfig, { url: 'tcp://h', topic: 't', clientId: 'c', jsonBody: true });
  assert.deepEqual((mqttEventDraft(json, 'a/b', Buffer.from('{"x":1}'), 7).data as { body: unknown }).body, { x: 1 });
});
