// The azureEventsHub EventSource without the network (no Event Hubs emulator runs here): its
// config reader, the event→payload mapping (Argo's AzureEventsHubEventData) and the checkpoint
// rules that stand in for acks (where a partition starts, what an accepted batch advances).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { readAzureEventsHubConfig, type AzureEventsHubPlan } from '../../../src/sources/azureEventsHub/azure-events-hub-config.js';
import { eventHubsConnectionString } from '../../../src/sources/azureEventsHub/azure-events-hub-connection.js';
import {
  acceptedThrough,
  azureEventsHubEvent,
  startOf,
  type HubEventIn,
} from '../../../src/sources/azureEventsHub/azure-events-hub-events.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readAzureEventsHubConfig(p, cfg, ['spec', 'azureEventsHub', 'e']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

const KEY_NAME = { name: 'hub', key: 'keyName' };
const KEY = { name: 'hub', key: 'key' };

test('config: Argo’s fields, both keys or a refusal that says why', () => {
  assert.deepEqual(read({ fqdn: 'ns.servicebus.windows.net', hubName: 'h', sharedAccessKeyName: KEY_NAME, sharedAccessKey: KEY, metadata: { m: 'x' } }).plan, {
    fqdn: 'ns.servicebus.windows.net',
    hubName: 'h',
    sharedAccessKeyName: KEY_NAME,
    sharedAccessKey: KEY,
    metadata: { m: 'x' },
  });
  assert.deepEqual(read({}).problems, [
    'spec.azureEventsHub.e.fqdn: required',
    'spec.azureEventsHub.e.hubName: required',
    'spec.azureEventsHub.e.sharedAccessKey: required: Azure AD sign-in (DefaultAzureCredential) is not supported: Eventide does not ship @azure/identity; give sharedAccessKeyName and sharedAccessKey (a SAS policy of the hub or namespace)',
  ]);
  assert.deepEqual(read({ fqdn: 'sb://ns/', hubName: 'h', sharedAccessKey: KEY }).problems, [
    'spec.azureEventsHub.e.fqdn: must be the namespace\'s host name (e.g. mynamespace.servicebus.windows.net), got "sb://ns/"',
    'spec.azureEventsHub.e.sharedAccessKeyName: sharedAccessKeyName and sharedAccessKey must be given together',
  ]);
});

test('the connection string is Argo’s SAS form', () => {
  assert.equal(
    eventHubsConnectionString('ns.servicebus.windows.net', 'h', 'send', 'k='),
    'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=k=;EntityPath=h',
  );
});

const plan: AzureEventsHubPlan = { fqdn: 'ns.servicebus.windows.net', hubName: 'h', sharedAccessKeyName: KEY_NAME, sharedAccessKey: KEY };
const ev = (o: Partial<HubEventIn> = {}): HubEventIn => ({
  body: Buffer.from('{"a":1}'),
  messageId: 'msg-1',
  partitionKey: 'pk',
  sequenceNumber: 41,
  enqueuedTimeUtc: new Date(Date.UTC(2024, 0, 1)),
  ...o,
});

test('an event becomes Argo’s payload (body base64, as Go writes bytes); the id is partition and sequence', () => {
  assert.deepEqual(azureEventsHubEvent({ ...plan, metadata: { t: 'x' } }, '3', ev()), {
    data: { id: 'msg-1', partitionKey: 'pk', body: Buffer.from('{"a":1}').toString('base64'), metadata: { t: 'x' } },
    id: 'azureEventsHub:ns.servicebus.windows.net/h/3/41',
    time: Date.UTC(2024, 0, 1),
  });
  // no message id or partition key: empty strings, as Go's zero values
  const bare = azureEventsHubEvent(plan, '0', ev({ messageId: undefined, partitionKey: null, body: 'text' }));
  assert.deepEqual(bare.data, { id: '', partitionKey: '', body: Buffer.from('text').toString('base64') });
});

test('checkpoint: start after the accepted sequence number, from the start when it was empty, else at the newest', () => {
  const cp = { partitions: { '0': 41, '1': -1 } };
  assert.deepEqual(startOf(cp, '0'), { afterSequenceNumber: 41 });
  assert.equal(startOf(cp, '1'), 'earliest');
  assert.equal(startOf(cp, '2'), 'latest');
  assert.equal(startOf(undefined, '0'), 'latest');
});

test('checkpoint: an accepted batch advances its partition to its newest event, never backwards', () => {
  const cp = { partitions: { '0': 41, '1': 7 } };
  const next = acceptedThrough(cp, '0', [ev({ sequenceNumber: 42 }), ev({ sequenceNumber: 44 }), ev({ sequenceNumber: 43 })]);
  assert.deepEqual(next, { partitions: { '0': 44, '1': 7 } });
  assert.deepEqual(cp, { partitions: { '0': 41, '1': 7 } }, 'the old checkpoint is not mutated');
  assert.equal(acceptedThrough(next, '0', [ev({ sequenceNumber: 40 })]), next);
  assert.equal(acceptedThrough(next, '1', []), next);
  assert.deepEqual(acceptedThrough({ partitions: {} }, '5', [ev({ sequenceNumber: 0 })]), { partitions: { '5': 0 } });
});
