// The azureQueueStorage EventSource's config reader (field paths of its problems, the refused
// Azure AD sign-in) and its message→event mapping (Argo's AzureQueueStorageEventData, jsonBody,
// decodeMessage, ids from the queue and MessageId).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Problems } from '../../../src/vocabulary/problems.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import {
  readAzureQueueStorageConfig,
  type AzureQueueStoragePlan,
} from '../../../src/sources/azureQueueStorage/azure-queue-storage-config.js';
import { azureQueueStorageEvent, goTime } from '../../../src/sources/azureQueueStorage/azure-queue-storage-events.js';

function read(cfg: Record<string, unknown>) {
  const p = new Problems();
  const plan = readAzureQueueStorageConfig(p, cfg, ['spec', 'azureQueueStorage', 'q']);
  return { plan, problems: p.list.map((x) => `${formatFieldPath(x.path)}: ${x.message}`) };
}

const SECRET = { name: 'azure-secret', key: 'connectionstring' };

test('Argo’s example reads into a plan; the wait defaults to 3 s only when absent', () => {
  assert.deepEqual(read({ queueName: 'test', jsonBody: true, decodeMessage: false, waitTimeInSeconds: 2, connectionString: SECRET }).plan, {
    connectionString: SECRET,
    queueName: 'test',
    jsonBody: true,
    dlq: false,
    decodeMessage: false,
    waitTimeInSeconds: 2,
  });
  assert.equal(read({ queueName: 'test', connectionString: SECRET }).plan?.waitTimeInSeconds, 3);
  assert.equal(read({ queueName: 'test', connectionString: SECRET, waitTimeInSeconds: 0 }).plan?.waitTimeInSeconds, 0);
});

test('bad fields are named by path; Azure AD sign-in is refused with the reason', () => {
  assert.deepEqual(read({}).problems, [
    'spec.azureQueueStorage.q.connectionString: required: a secret holding the storage account connection string (Argo: connectionString or storageAccountName)',
    'spec.azureQueueStorage.q.queueName: required',
  ]);
  const { plan, problems } = read({
    storageAccountName: 'acct',
    queueName: 'Bad--Name',
    dlq: 'yes',
    waitTimeInSeconds: -1,
    metadata: { a: 1 },
  });
  assert.equal(plan, undefined);
  assert.deepEqual(problems, [
    'spec.azureQueueStorage.q.connectionString: required: Azure AD sign-in (DefaultAzureCredential) is not supported: Eventide does not ship @azure/identity; give the storage account\'s connection string as a secret',
    'spec.azureQueueStorage.q.queueName: "Bad--Name" is not an Azure queue name (3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit)',
    'spec.azureQueueStorage.q.dlq: must be true or false, got string "yes"',
    'spec.azureQueueStorage.q.waitTimeInSeconds: must be at least 0, got -1',
    'spec.azureQueueStorage.q.metadata.a: must be a string, got number 1',
  ]);
  assert.deepEqual(read({ connectionString: { name: 's' }, queueName: 'queue1' }).problems, [
    'spec.azureQueueStorage.q.connectionString.key: required',
  ]);
});

const plan = (o: Partial<AzureQueueStoragePlan> = {}): AzureQueueStoragePlan => ({
  connectionString: SECRET,
  queueName: 'orders',
  jsonBody: false,
  dlq: false,
  decodeMessage: false,
  waitTimeInSeconds: 3,
  ...o,
});
const inserted = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));

test('a message becomes Argo’s payload; without jsonBody the body is base64, as Go writes bytes', () => {
  assert.deepEqual(azureQueueStorageEvent(plan({ metadata: { team: 'a' } }), { messageId: 'm-1', messageText: 'hello', insertedOn: inserted }), {
    ok: true,
    draft: {
      data: { body: 'aGVsbG8=', messageID: 'm-1', insertionTime: '2024-01-02T03:04:05Z', metadata: { team: 'a' } },
      id: 'azureQueueStorage:orders/m-1',
      time: inserted.getTime(),
    },
  });
});

test('jsonBody parses the text; text that is not JSON is not an event', () => {
  const ok = azureQueueStorageEvent(plan({ jsonBody: true }), { messageId: 'm', messageText: '{"a":[1]}', insertedOn: inserted });
  assert.ok(ok.ok);
  assert.deepEqual((ok.draft.data as { body: unknown }).body, { a: [1] });
  const bad = azureQueueStorageEvent(plan({ jsonBody: true }), { messageId: 'm', messageText: 'nope', insertedOn: inserted });
  assert.equal(bad.ok, false);
  assert.match((bad as { reason: string }).reason, /^body is not JSON \(jsonBody is true\)/);
});

test('decodeMessage decodes base64 (URL or standard alphabet) before jsonBody, and refuses what is not base64', () => {
  const text = JSON.stringify({ k: '??>' }); // its base64 has + or / in the standard alphabet
  const std = Buffer.from(text).toString('base64');
  const url = Buffer.from(text).toString('base64url').padEnd(std.length, '=');
  for (const messageText of [std, url]) {
    const r = azureQueueStorageEvent(plan({ jsonBody: true, decodeMessage: true }), { messageId: 'm', messageText, insertedOn: inserted });
    assert.ok(r.ok, messageText);
    assert.deepEqual((r.draft.data as { body: unknown }).body, { k: '??>' });
  }
  for (const messageText of ['not base64!', 'abc']) {
    const r = azureQueueStorageEvent(plan({ decodeMessage: true }), { messageId: 'm', messageText, insertedOn: inserted });
    assert.deepEqual(r, { ok: false, reason: 'message text is not base64 (decodeMessage is true)' });
  }
});

test('times are written as Go writes time.Time (RFC 3339, fraction only when non-zero)', () => {
  assert.equal(goTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))), '2024-01-02T03:04:05Z');
  assert.equal(goTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 120))), '2024-01-02T03:04:05.12Z');
});
