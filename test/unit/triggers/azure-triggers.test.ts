// The azureEventHubs and azureServiceBus triggers without the network (no emulator for either
// runs here): validation of Argo's fields, the message a fire sends (payload bytes, idempotency
// key as message id and property), connection keys free of secrets, and how the thin SDK adapter
// hands the message over and classifies failures (a stand-in at the SDK's send call).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventHubProducerClient } from '@azure/event-hubs';
import { validateText } from '../../../src/manifest/validate-manifest.js';
import { eventHubsMessage, messageIdOf } from '../../../activities/triggers/azureEventHubs/event-hubs-message.js';
import {
  azureEventHubsTrigger,
  eventHubsProducerKey,
  openEventHubsProducer,
} from '../../../activities/triggers/azureEventHubs/execute.js';
import { serviceBusMessage } from '../../../activities/triggers/azureServiceBus/service-bus-message.js';
import {
  azureServiceBusTrigger,
  openServiceBusSender,
  serviceBusSenderKey,
  type BusSender,
} from '../../../activities/triggers/azureServiceBus/execute.js';
import { DEP, failureOf, fireFor, requestFor } from './trigger-fixtures.js';

const KEY_NAME = { name: 'azure-event-hubs-secret', key: 'sharedAccessKeyName' };
const KEY = { name: 'azure-event-hubs-secret', key: 'sharedAccessKey' };
const CONN = { name: 'azure-service-bus', key: 'connectionString' };
const payload = [{ src: { dependencyName: DEP, dataKey: 'body.message' }, dest: 'message' }];

function problemsOf(template: Record<string, unknown>): string[] {
  const sensor = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 's' },
    spec: {
      dependencies: [{ name: DEP, eventSourceName: 'webhook', eventName: 'example' }],
      triggers: [{ template: { name: 't', ...template } }],
    },
  };
  return validateText('s.yaml', JSON.stringify(sensor)).problems.map((p) => `${p.path}: ${p.message}`);
}

test('validation: Argo’s fields; keys, entity and payload required; tls refused with the reason', () => {
  assert.deepEqual(problemsOf({ azureEventHubs: { fqdn: 'ns.servicebus.windows.net', hubName: 'h', sharedAccessKeyName: KEY_NAME, sharedAccessKey: KEY, payload } }), []);
  assert.deepEqual(problemsOf({ azureServiceBus: { connectionString: CONN, topicName: 't', payload } }), []);
  const hubs = problemsOf({ azureEventHubs: { fqdn: 'sb://ns', sharedAccessKeyName: KEY_NAME } }).join('\n');
  for (const want of [/fqdn: must be the namespace's host name/, /hubName: required/, /sharedAccessKey: required/, /payload: required/])
    assert.match(hubs, want);
  const bus = problemsOf({ azureServiceBus: { queueName: 'q', topicName: 't', tls: {}, payload } }).join('\n');
  for (const want of [/connectionString: required/, /queueName and topicName cannot be given together/, /tls: not supported: @azure\/service-bus for Node takes no TLS settings/])
    assert.match(bus, want);
  assert.match(problemsOf({ azureServiceBus: { connectionString: CONN, payload } }).join('\n'), /queueName: required: queueName or topicName/);
});

const hubTrigger = { template: { name: 'hub', azureEventHubs: { fqdn: 'ns.servicebus.windows.net', hubName: 'h', sharedAccessKeyName: KEY_NAME, sharedAccessKey: KEY, payload } } };
const busTrigger = { template: { name: 'bus', azureServiceBus: { connectionString: CONN, queueName: 'q', payload } } };
const SECRETS = {
  EVENTIDE_SECRET_AZURE_EVENT_HUBS_SECRET_SHAREDACCESSKEYNAME: 'send',
  EVENTIDE_SECRET_AZURE_EVENT_HUBS_SECRET_SHAREDACCESSKEY: 'c2VjcmV0LXZhbHVl',
  EVENTIDE_SECRET_AZURE_SERVICE_BUS_CONNECTIONSTRING:
    'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LXZhbHVl',
};

test('a fire’s message: the payload’s JSON bytes, the idempotency key as message id and property', () => {
  const fire = fireFor(hubTrigger, { body: { message: 'hello' } });
  const m = eventHubsMessage(fire.payload, fire.idempotencyKey);
  assert.deepEqual(JSON.parse(m.body.toString('utf8')), { message: 'hello' });
  assert.equal(m.messageId, fire.idempotencyKey);
  assert.deepEqual(m.properties, { 'Idempotency-Key': fire.idempotencyKey });
  const b = serviceBusMessage(fire.payload, fire.idempotencyKey);
  assert.deepEqual(b, { body: m.body, messageId: fire.idempotencyKey, applicationProperties: { 'Idempotency-Key': fire.idempotencyKey } });
  // the same fire retried sends the same message id (duplicate detection can drop it)
  assert.equal(serviceBusMessage(fire.payload, fire.idempotencyKey).messageId, b.messageId);
  const long = 'k'.repeat(200);
  assert.match(messageIdOf(long), /^[0-9a-f]{64}$/);
  assert.equal(messageIdOf(long), messageIdOf(long));
});

test('connection keys name the target and secret references, never secret values', () => {
  const hubReq = requestFor(fireFor(hubTrigger, { body: { message: 'x' } }), { secrets: SECRETS });
  const busReq = requestFor(fireFor(busTrigger, { body: { message: 'x' } }), { secrets: SECRETS });
  assert.equal(eventHubsProducerKey(hubReq), JSON.stringify(['ns.servicebus.windows.net', 'h', KEY_NAME, KEY]));
  assert.equal(serviceBusSenderKey(busReq), JSON.stringify([CONN, 'q']));
  for (const k of [eventHubsProducerKey(hubReq), serviceBusSenderKey(busReq)]) assert.ok(!k.includes('c2VjcmV0LXZhbHVl'));
});

test('a missing secret is a config failure naming the reference, not a retry', async () => {
  const f = await failureOf(() => openEventHubsProducer(requestFor(fireFor(hubTrigger, { body: { message: 'x' } }))));
  assert.equal(f.nonRetryable, true);
  assert.match(f.message, /azureEventHubs trigger: .*azure-event-hubs-secret/);
  const g = await failureOf(() => openServiceBusSender(requestFor(fireFor(busTrigger, { body: { message: 'x' } }))));
  assert.equal(g.nonRetryable, true);
  assert.match(g.message, /azureServiceBus trigger: .*azure-service-bus/);
});

test('opening builds real SDK clients from the secrets without touching the network', async () => {
  const hub = await openEventHubsProducer(requestFor(fireFor(hubTrigger, { body: { message: 'x' } }), { secrets: SECRETS }));
  assert.equal(hub.eventHubName, 'h');
  assert.equal(hub.fullyQualifiedNamespace, 'ns.servicebus.windows.net');
  await hub.close();
  const bus = await openServiceBusSender(requestFor(fireFor(busTrigger, { body: { message: 'x' } }), { secrets: SECRETS }));
  assert.equal(bus.sender.entityPath, 'q');
  await bus.sender.close();
  await bus.client.close();
});

test('the adapters send exactly the built message, and classify the SDK’s failures', async () => {
  const fire = fireFor(hubTrigger, { body: { message: 'hi' } });
  const sent: unknown[] = [];
  let fail: Error | undefined;
  const producer = {
    sendBatch: async (batch: unknown[]) => {
      if (fail) throw fail;
      sent.push(...batch);
    },
  } as unknown as EventHubProducerClient;
  const out = await azureEventHubsTrigger(requestFor(fire), producer);
  assert.deepEqual(sent, [eventHubsMessage(fire.payload, fire.idempotencyKey)]);
  assert.deepEqual(out, { hub: 'h', messageId: fire.idempotencyKey, bytes: 16 });
  fail = Object.assign(new Error('unauthorized'), { code: 'UnauthorizedError' });
  assert.equal((await failureOf(() => azureEventHubsTrigger(requestFor(fire), producer))).type, 'TriggerPermissionError');
  fail = Object.assign(new Error('socket closed'), { code: 'ServiceUnavailableError' });
  const retry = await failureOf(() => azureEventHubsTrigger(requestFor(fire), producer));
  assert.equal(retry.nonRetryable, false);

  const busFire = fireFor(busTrigger, { body: { message: 'hi' } });
  const busSent: unknown[] = [];
  const bus: { fail?: Error } = {};
  const conn = {
    sender: {
      sendMessages: async (m: unknown) => {
        if (bus.fail) throw bus.fail;
        busSent.push(m);
      },
    },
  } as unknown as BusSender;
  await azureServiceBusTrigger(requestFor(busFire), conn);
  assert.deepEqual(busSent, [serviceBusMessage(busFire.payload, busFire.idempotencyKey)]);
  bus.fail = Object.assign(new Error('no such queue'), { code: 'MessagingEntityNotFound' });
  const cfg = await failureOf(() => azureServiceBusTrigger(requestFor(busFire), conn));
  assert.equal(cfg.type, 'TriggerConfigError');
  assert.equal(cfg.nonRetryable, true);
});
