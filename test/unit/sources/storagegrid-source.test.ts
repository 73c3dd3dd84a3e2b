// The storageGrid EventSource through the port app: SNS-style form notifications read the way
// Argo reads them (JSON-valued fields become JSON), the key prefix/suffix filter, the
// PublishResponse reply; and the endpoint + notification registration against a local fake of
// StorageGRID's management API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { createSecretStore, type SecretStore } from '../../../src/secrets/secret-store.js';
import { storageGridHookManager } from '../../../src/sources/storagegrid/storagegrid-registration.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';
import {
  startStorageGridApiFake,
  type StorageGridApiFake,
} from '../../support/fakes/storagegrid-api-fake.js';

const ensureStorageGridNotification = (
  cfg: Record<string, unknown>,
  eventName: string,
  secrets: SecretStore,
  f: typeof fetch,
) => storageGridHookManager.ensure(cfg, { eventName, secrets, fetch: f });

const PORT = 8080;

function config(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return {
    webhook: { port: String(PORT), method: 'POST', endpoint: '/', ...webhook },
    events: ['s3:ObjectCreated:*'],
    topicArn: 'urn:sgws:sns:us-east::my_topic_1',
    bucket: 'my_bucket',
    apiURL: 'https://grid.example.com/api/v3',
    authToken: { name: 'grid', key: 'token' },
    ...extra,
  };
}

const manifest = (extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) =>
  eventSource('storage-grid', { storageGrid: { example: config(extra, webhook) } });

const message = (key: string) => ({
  Records: [
    {
      eventVersion: '2.0',
      storageGridEventSource: 'sgws:s3',
      eventTime: '2019-02-27T21:15:09Z',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'my_bucket', arn: 'urn:sgfs:s3:::my_bucket' }, object: { key, size: 6 } },
    },
  ],
});

const form = (key: string) =>
  new URLSearchParams({
    Action: 'Publish',
    Message: JSON.stringify(message(key)),
    TopicArn: 'urn:sgws:sns:us-east::my_topic_1',
    Version: '2010-03-31',
  }).toString();

const post = (
  h: ReturnType<typeof saasPortApp>,
  body: string,
  contentType = 'application/x-www-form-urlencoded',
) => h.app.inject({ method: 'POST', url: '/', payload: body, headers: { 'content-type': contentType } });

const problemsOf = (doc: object) =>
  validateText('es.yaml', stringify(doc)).problems.map((p) => `${p.path}: ${p.message}`);

describe('storageGrid EventSource', () => {
  test("Argo's example manifest validates", () => {
    assert.deepEqual(validatePath('/work/shared/argo-examples/event-sources/storage-grid.yaml').problems, []);
  });

  test('a form notification becomes {notification, metadata} and is answered with a PublishResponse', async () => {
    const h = saasPortApp(manifest({ metadata: { zone: 'a' } }), { port: PORT });
    const res = await post(h, form('hello-world.txt'));
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/xml/);
    assert.match(
      res.body,
      /^<PublishResponse xmlns="http:\/\/argoevents-sns-server\/"><PublishResult><MessageId>[0-9a-f-]{36}<\/MessageId>/,
    );
    assert.equal(h.dispatched[0]!.drafts[0]!.type, 'storagegrid', "Argo's event type");
    // Message holds JSON, so it becomes an object; "2010-03-31" is not JSON, so it stays a string.
    assert.deepEqual(h.events(), [
      {
        notification: {
          Action: 'Publish',
          Message: message('hello-world.txt'),
          TopicArn: 'urn:sgws:sns:us-east::my_topic_1',
          Version: '2010-03-31',
        },
        metadata: { zone: 'a' },
      },
    ]);
  });

  test('bracketed form keys nest, as qson reads them', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    await post(h, 'Action=Publish&Message[Records]=%5B%5D&Extra[a][b]=true');
    assert.deepEqual((h.events()[0] as { notification: unknown }).notification, {
      Action: 'Publish',
      Message: { Records: [] },
      Extra: { a: { b: true } },
    });
  });

  test('a JSON notification is taken as is', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    const body = JSON.stringify({ Action: 'Publish', Message: message('a.txt') });
    assert.equal((await post(h, body, 'application/json')).statusCode, 200);
    assert.deepEqual((h.events()[0] as { notification: unknown }).notification, JSON.parse(body));
  });

  test('the prefix / suffix filter drops other keys but still acknowledges them', async () => {
    const h = saasPortApp(manifest({ filter: { prefix: 'hello-', suffix: '.txt' } }), { port: PORT });
    for (const key of ['hello-world.txt', 'hello-world.png', 'bye.txt']) {
      const res = await post(h, form(key));
      assert.equal(res.statusCode, 200, key);
      assert.match(res.body, /PublishResponse/);
    }
    assert.deepEqual(
      h
        .events()
        .map(
          (e) =>
            (e as { notification: { Message: ReturnType<typeof message> } }).notification.Message.Records[0]!
              .s3.object.key,
        ),
      ['hello-world.txt'],
    );
  });

  test('an empty request is acknowledged without an event; HEAD gets an empty body', async () => {
    const h = saasPortApp(manifest({}, { method: undefined }), { port: PORT });
    assert.equal((await post(h, '')).statusCode, 200);
    const head = await h.app.inject({ method: 'HEAD', url: '/' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
    assert.equal(h.dispatched.length, 0);
  });

  test('malformed 400, oversize 413, bearer 401', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 100 }), { port: PORT });
    const res = await post(h, '{"Action": ', 'application/json');
    assert.equal(res.statusCode, 400);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_BAD_BODY');
    assert.equal((await post(h, form('x'.repeat(200)))).statusCode, 413);
    const guarded = saasPortApp(manifest({}, { authSecret: { name: 'grid', key: 'bearer' } }), {
      port: PORT,
      secrets: secretsEnv({ name: 'grid', key: 'bearer', value: 'b' }),
    });
    assert.equal((await post(guarded, form('a'))).statusCode, 401);
  });

  test("validation: Argo's required fields", () => {
    const doc = manifest({
      topicArn: undefined,
      apiURL: undefined,
      bucket: undefined,
      authToken: undefined,
      events: undefined,
    });
    assert.deepEqual(problemsOf(doc).sort(), [
      'spec.storageGrid.example.apiURL: required',
      'spec.storageGrid.example.authToken: required',
      'spec.storageGrid.example.bucket: required',
      'spec.storageGrid.example.events: required',
      'spec.storageGrid.example.topicArn: required',
    ]);
    assert.deepEqual(problemsOf(manifest({ filter: { prefix: 1 } })), [
      'spec.storageGrid.example.filter.prefix: must be a string, got number 1',
    ]);
  });
});

describe('StorageGRID registration', () => {
  const secrets = createSecretStore({
    env: secretsEnv({ name: 'grid', key: 'token', value: 'sg-token' }),
    dir: '/x',
  });
  let api: StorageGridApiFake;
  before(async () => {
    api = await startStorageGridApiFake({ token: 'sg-token' });
  });
  after(() => api.close());

  test('registers the endpoint once and sets the bucket notification', async () => {
    const cfg = config(
      { apiURL: `${api.url}/api/v3` },
      { url: 'https://events.example.com', endpoint: '/grid' },
    );
    const first = await ensureStorageGridNotification(cfg, 'example', secrets, fetch);
    assert.deepEqual(first, [
      { target: 'bucket my_bucket', action: 'created', hookId: 'urn:sgws:sns:us-east::my_topic_1' },
    ]);
    assert.deepEqual(api.endpoints, [
      {
        displayName: 'example',
        endpointURI: 'https://events.example.com/grid',
        endpointURN: 'urn:sgws:sns:us-east::my_topic_1',
        authType: 'anonymous',
        insecureTLS: true,
      },
    ]);
    assert.equal(
      api.notifications.get('my_bucket'),
      '<NotificationConfiguration><TopicConfiguration><Id>example</Id><Topic>urn:sgws:sns:us-east::my_topic_1</Topic>' +
        '<Event>s3:ObjectCreated:*</Event></TopicConfiguration></NotificationConfiguration>',
    );
    const second = await ensureStorageGridNotification(cfg, 'example', secrets, fetch);
    assert.equal(second[0]!.action, 'updated');
    assert.equal(api.endpoints.length, 1, 'the endpoint is not registered twice');
  });

  test("Argo's placeholder apiURL fails with a clear error instead of throwing", async () => {
    const cfg = config({ apiURL: 'storagegrid api url' }, { url: 'https://events.example.com' });
    const out = await ensureStorageGridNotification(cfg, 'example', secrets, fetch);
    assert.equal(out[0]!.action, 'failed');
    assert.match(out[0]!.error!, /storagegrid api url\/org\/endpoints/);
  });
});
