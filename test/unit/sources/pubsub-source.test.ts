// The pubSub EventSource's config reader (Argo's rules, problems by field path), Argo's generated
// subscription name, and the message→event mapping (Argo's PubSubEventData, Go's time format).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { readPubSubConfig, type PubSubPlan } from '../../../src/sources/pubSub/pubsub-config.js';
import { fnv32a, pubSubNames } from '../../../src/sources/pubSub/pubsub-names.js';
import { goTimeString, pubSubEvent, type ReceivedMessage } from '../../../src/sources/pubSub/pubsub-events.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readPubSubConfig(p, cfg, ['spec', 'pubSub', 'e']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

test('Argo’s validation: a topic or a subscription; topicProjectID only with a topic', () => {
  assert.deepEqual(read({}).problems, ['spec.pubSub.e: must specify topic or subscriptionID']);
  assert.deepEqual(read({ subscriptionID: 'sub', topicProjectID: 'p' }).problems, [
    "spec.pubSub.e.topicProjectID: you can't specify topicProjectID if you don't specify topic",
  ]);
  assert.deepEqual(read({ topic: 'orders', jsonBody: 'yes', credentialSecret: { name: 'gcp' } }).problems, [
    'spec.pubSub.e.credentialSecret.key: required',
    'spec.pubSub.e.jsonBody: must be true or false, got string "yes"',
  ]);
  assert.match(read({ topic: 'a b' }).problems[0]!, /^spec\.pubSub\.e\.topic: "a b" is not a Pub\/Sub name/);
  assert.deepEqual(read({ projectID: 'p', topic: 'orders', metadata: { team: 'x' } }).plan, {
    projectID: 'p',
    topic: 'orders',
    deleteSubscriptionOnFinish: false,
    jsonBody: false,
    metadata: { team: 'x' },
  });
});

test('fnv32a is Go’s hash/fnv New32a', () => {
  assert.equal(fnv32a(''), '2166136261');
  assert.equal(fnv32a('a'), '3826002220');
  assert.equal(fnv32a('foobar'), String(0xbf9cf968));
});

test('names: the topic’s project defaults to the subscription’s; a missing subscriptionID is Argo’s hash', () => {
  const plan: PubSubPlan = { topic: 'orders', deleteSubscriptionOnFinish: false, jsonBody: true };
  const n = pubSubNames(plan, 'example', 'proj');
  assert.equal(n.topicName, 'projects/proj/topics/orders');
  // encoding/json of Argo's filled-in PubSubEventSource, hashed with the event name in front
  const json = '{"projectID":"proj","topicProjectID":"proj","topic":"orders","subscriptionID":"","jsonBody":true}';
  assert.equal(n.subscriptionID, `example-${fnv32a(`example${json}`)}`);
  assert.equal(n.subscriptionName, `projects/proj/subscriptions/${n.subscriptionID}`);
  const other = pubSubNames({ ...plan, topicProjectID: 'shared', subscriptionID: 'mine' }, 'example', 'proj');
  assert.deepEqual(other, {
    projectID: 'proj',
    topicName: 'projects/shared/topics/orders',
    subscriptionID: 'mine',
    subscriptionName: 'projects/proj/subscriptions/mine',
  });
});

test('publishTime is Go’s time.Time.String() in UTC', () => {
  const ms = Date.UTC(2026, 11, 7, 23, 4, 5, 120);
  assert.equal(goTimeString(ms, 0, 0), '2026-12-07 23:04:05.12 +0000 UTC');
  assert.equal(goTimeString(ms, 456, 789), '2026-12-07 23:04:05.120456789 +0000 UTC');
  assert.equal(goTimeString(Date.UTC(2026, 0, 1)), '2026-01-01 00:00:00 +0000 UTC');
});

const message = (data: string, attributes: Record<string, string> = {}): ReceivedMessage => ({
  id: '42',
  data: Buffer.from(data),
  attributes,
  publishTime: { getTime: () => Date.UTC(2026, 0, 1, 0, 0, 1), getMicroseconds: () => 0, getNanoseconds: () => 0 },
});

test('the event: Argo’s shape, body base64 unless jsonBody, id from the message id', () => {
  const plan: PubSubPlan = { topic: 't', deleteSubscriptionOnFinish: false, jsonBody: false };
  const raw = pubSubEvent(plan, 'projects/p/subscriptions/s', message('hi', { a: '1' }));
  assert.deepEqual(raw, {
    ok: true,
    draft: {
      id: 'pubSub:projects/p/subscriptions/s/42',
      time: Date.UTC(2026, 0, 1, 0, 0, 1),
      data: { id: '42', body: 'aGk=', attributes: { a: '1' }, publishTime: '2026-01-01 00:00:01 +0000 UTC' },
    },
  });
  const json = pubSubEvent({ ...plan, jsonBody: true, metadata: { m: 'v' } }, 's', message('{"x":1}'));
  assert.ok(json.ok);
  assert.deepEqual(json.draft.data, { id: '42', body: { x: 1 }, attributes: null, publishTime: '2026-01-01 00:00:01 +0000 UTC', metadata: { m: 'v' } });
  const bad = pubSubEvent({ ...plan, jsonBody: true }, 's', message('not json'));
  assert.equal(bad.ok, false);
});
