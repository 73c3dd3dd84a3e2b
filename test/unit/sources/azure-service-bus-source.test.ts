// The azureServiceBus EventSource without the network (no Service Bus emulator runs here): its
// config reader (Argo's queue / topic+subscription rules, refused Azure AD and tls), the
// message→payload mapping (Argo's AzureServiceBusEventData) and the settlement decisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { readAzureServiceBusConfig, type AzureServiceBusPlan } from '../../../src/sources/azureServiceBus/azure-service-bus-config.js';
import { azureServiceBusEvent, settlementOf, type BusMessageIn } from '../../../src/sources/azureServiceBus/azure-service-bus-events.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readAzureServiceBusConfig(p, cfg, ['spec', 'azureServiceBus', 's']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}
const CONN = { name: 'azure-secret', key: 'connectionstring' };
const at = 'spec.azureServiceBus.s';

test('config: a queue, or a topic with its subscription', () => {
  assert.deepEqual(read({ queueName: 'test', jsonBody: true, connectionString: CONN }).plan, {
    connectionString: CONN,
    entity: { queueName: 'test' },
    jsonBody: true,
  });
  assert.deepEqual(read({ topicName: 't', subscriptionName: 's', connectionString: CONN, deferDelete: true }).plan?.entity, {
    topicName: 't',
    subscriptionName: 's',
  });
  assert.deepEqual(read({ connectionString: CONN }).problems, [`${at}.queueName: required: queueName, or topicName and subscriptionName`]);
  assert.deepEqual(read({ connectionString: CONN, queueName: 'q', topicName: 't' }).problems, [
    `${at}.queueName: queueName and topicName/subscriptionName cannot be given together`,
  ]);
  assert.deepEqual(read({ connectionString: CONN, topicName: 't' }).problems, [`${at}.subscriptionName: required when topicName is given`]);
  assert.deepEqual(read({ connectionString: CONN, subscriptionName: 's' }).problems, [`${at}.topicName: required when subscriptionName is given`]);
});

test('config: Azure AD sign-in and tls are refused with the reason', () => {
  const { plan, problems } = read({ fullyQualifiedNamespace: 'ns.servicebus.windows.net', queueName: 'q', tls: { insecureSkipVerify: true } });
  assert.equal(plan, undefined);
  assert.deepEqual(problems, [
    `${at}.connectionString: required: Azure AD sign-in (DefaultAzureCredential) is not supported: Eventide does not ship @azure/identity; give the namespace's connection string as a secret`,
    `${at}.tls: not supported: @azure/service-bus for Node takes no TLS settings (Service Bus uses public certificates; trust a private CA with NODE_EXTRA_CA_CERTS); remove tls`,
  ]);
});

const plan = (o: Partial<AzureServiceBusPlan> = {}): AzureServiceBusPlan => ({ connectionString: CONN, entity: { queueName: 'orders' }, jsonBody: false, ...o });
/** the SDK's sequence numbers are Longs: anything with toString */
const long = (text: string) => ({ toString: () => text });
const full = (o: Partial<BusMessageIn> = {}): BusMessageIn => ({
  body: Buffer.from('{"n":1}'),
  messageId: 'mid',
  applicationProperties: { origin: 'web', n: 2 },
  contentType: 'application/json',
  correlationId: 'corr',
  enqueuedTimeUtc: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
  replyTo: 'back',
  sequenceNumber: long('17'),
  subject: 'sub',
  ...o,
});

test('a message becomes Argo’s payload; absent fields are null, as Go writes nil pointers', () => {
  assert.deepEqual(azureServiceBusEvent(plan({ jsonBody: true, metadata: { t: 'x' } }), full()), {
    ok: true,
    draft: {
      data: {
        applicationProperties: { origin: 'web', n: 2 },
        body: { n: 1 },
        contentType: 'application/json',
        correlationID: 'corr',
        enqueuedTime: '2024-01-02T03:04:05Z',
        messageID: 'mid',
        replyTo: 'back',
        sequenceNumber: 17,
        subject: 'sub',
        metadata: { t: 'x' },
      },
      id: 'azureServiceBus:orders/seq-17',
      time: Date.UTC(2024, 0, 2, 3, 4, 5),
    },
  });
  const bare = azureServiceBusEvent(plan({ entity: { topicName: 't', subscriptionName: 's' } }), { body: Buffer.from('hi'), sequenceNumber: long('9007199254740993') });
  assert.ok(bare.ok);
  assert.deepEqual(bare.draft.data, {
    applicationProperties: null,
    body: Buffer.from('hi').toString('base64'),
    contentType: null,
    correlationID: null,
    enqueuedTime: null,
    messageID: '',
    replyTo: null,
    sequenceNumber: '9007199254740993', // beyond 2^53: kept exact as text
    subject: null,
  });
  assert.equal(bare.draft.id, 'azureServiceBus:t/subscriptions/s/seq-9007199254740993');
});

test('settlement: complete after acceptance, abandon when delivery did not finish, dead-letter what is not an event', () => {
  const good = azureServiceBusEvent(plan({ jsonBody: true }), full());
  const bad = azureServiceBusEvent(plan({ jsonBody: true }), full({ body: Buffer.from('not json') }));
  assert.equal(bad.ok, false);
  assert.deepEqual(settlementOf(good, true), { kind: 'complete' });
  assert.deepEqual(settlementOf(good, false), { kind: 'abandon' });
  const dl = settlementOf(bad, true);
  assert.equal(dl.kind, 'deadLetter');
  assert.match((dl as { description: string }).description, /^body is not JSON \(jsonBody is true\)/);
  assert.deepEqual(settlementOf(bad, false), dl, 'a message that is not an event is dead-lettered either way');
});
