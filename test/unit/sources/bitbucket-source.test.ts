// The bitbucket (Cloud) EventSource through the port app, and its webhook management against a
// local fake of Bitbucket's API 2.0.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';
import { bitbucketHookManager } from '../../../src/sources/bitbucket/bitbucket-hooks.js';
import type { SecretStore } from '../../../src/secrets/secret-store.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';
import { startBitbucketApiFake, type BitbucketApiFake } from '../../support/fakes/bitbucket-api-fake.js';

const ensureBitbucketHooks = (cfg: Record<string, unknown>, store: SecretStore, fetchFn: typeof fetch) =>
  bitbucketHookManager.ensure(cfg, { secrets: store, fetch: fetchFn });
const removeBitbucketHooks = (cfg: Record<string, unknown>, store: SecretStore, fetchFn: typeof fetch) =>
  bitbucketHookManager.remove(cfg, { secrets: store, fetch: fetchFn });

const PORT = 12000;
const auth = {
  basic: { username: { name: 'bb', key: 'username' }, password: { name: 'bb', key: 'password' } },
};

function config(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return {
    repositories: [
      { owner: 'acme', repositorySlug: 'one' },
      { owner: 'acme', repositorySlug: 'two' },
    ],
    events: ['repo:push'],
    webhook: { endpoint: '/push', port: String(PORT), method: 'POST', ...webhook },
    auth,
    ...extra,
  };
}

const manifest = (extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) =>
  eventSource('bitbucket', { bitbucket: { example: config(extra, webhook) } });

const push = JSON.stringify({
  push: { changes: [{ new: { name: 'main', type: 'branch' } }] },
  repository: { full_name: 'acme/one' },
});

const post = (h: ReturnType<typeof saasPortApp>, body: string, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/push',
    payload: body,
    headers: { 'content-type': 'application/json', ...headers },
  });

const problemsOf = (doc: object) =>
  validateText('es.yaml', stringify(doc)).problems.map((p) => `${p.path}: ${p.message}`);

describe('bitbucket EventSource', () => {
  test("Argo's example manifest validates", () => {
    assert.deepEqual(validatePath('/work/shared/argo-examples/event-sources/bitbucket.yaml').problems, []);
  });

  test('a delivery becomes {headers, body, metadata}', async () => {
    const h = saasPortApp(manifest({ metadata: { k: 'v' } }), { port: PORT });
    const res = await post(h, push, { 'x-event-key': 'repo:push', 'x-request-uuid': 'r-1' });
    assert.equal(res.statusCode, 200);
    const data = h.events()[0] as { headers: Record<string, string[]>; body: unknown; metadata: unknown };
    assert.deepEqual(data.body, JSON.parse(push));
    assert.deepEqual(data.metadata, { k: 'v' });
    assert.deepEqual(data.headers['X-Event-Key'], ['repo:push']);
  });

  test('webhook.authSecret guards it (Bitbucket Cloud signs nothing Argo checks)', async () => {
    const h = saasPortApp(manifest({}, { authSecret: { name: 'tok', key: 't' } }), {
      port: PORT,
      secrets: secretsEnv({ name: 'tok', key: 't', value: 'bearer-1' }),
    });
    const res = await post(h, push);
    assert.equal(res.statusCode, 401);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_UNAUTHORIZED');
    assert.equal((await post(h, push, { authorization: 'Bearer bearer-1' })).statusCode, 200);
    const masked = (h.events()[0] as { headers: Record<string, string[]> }).headers.Authorization;
    assert.deepEqual(masked, ['*** Masked Auth Secret ***']);
  });

  test('a missing auth secret is a 500; malformed 400; oversize 413', async () => {
    const guarded = saasPortApp(manifest({}, { authSecret: { name: 'tok', key: 't' } }), { port: PORT });
    const res = await post(guarded, push, { authorization: 'Bearer x' });
    assert.equal(res.statusCode, 500);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_SECRET_MISSING');
    const h = saasPortApp(manifest({}, { maxPayloadSize: 200 }), { port: PORT });
    assert.equal((await post(h, '{"push":')).statusCode, 400);
    assert.equal((await post(h, JSON.stringify({ pad: 'y'.repeat(300) }))).statusCode, 413);
    assert.equal(h.dispatched.length, 0);
  });

  describe('validation', () => {
    test('repositories and auth are required', () => {
      assert.deepEqual(problemsOf(manifest({ repositories: undefined, auth: undefined })).sort(), [
        'spec.bitbucket.example.auth: required',
        'spec.bitbucket.example: set repositories (or owner and repositorySlug): at least one repository is required',
      ]);
      assert.deepEqual(problemsOf(manifest({ auth: {} })), [
        'spec.bitbucket.example.auth: set basic (username and password) or oauthToken',
      ]);
      const deprecated = manifest({ repositories: undefined, owner: 'acme', repositorySlug: 'one' });
      assert.deepEqual(problemsOf(deprecated), []);
    });

    test('webhook creation needs events', () => {
      assert.deepEqual(problemsOf(manifest({ events: undefined }, { url: 'https://events.example.com' })), [
        'spec.bitbucket.example.events: required to create the Bitbucket webhooks, e.g. [repo:push]',
      ]);
    });
  });
});

describe('Bitbucket Cloud webhook management', () => {
  const secrets = createSecretStore({
    env: secretsEnv(
      { name: 'bb', key: 'username', value: 'alice' },
      { name: 'bb', key: 'password', value: 'app-pw' },
    ),
    dir: '/nonexistent',
  });
  const basic = `Basic ${Buffer.from('alice:app-pw').toString('base64')}`;
  let api: BitbucketApiFake;
  before(async () => {
    api = await startBitbucketApiFake({ authorization: basic, pageLen: 1 });
  });
  after(() => api.close());
  const withUrl = (extra: Record<string, unknown> = {}) =>
    config(extra, { url: 'https://events.example.com' });

  test('creates, then finds (across pages) and leaves, then updates the webhook', async () => {
    api.hooks.set('acme/one', [
      { uuid: '{x}', url: 'https://ci.example.com', active: true, events: ['repo:push'] },
    ]);
    const created = await ensureBitbucketHooks(withUrl(), secrets, api.redirectingFetch);
    assert.deepEqual(
      created.map((o) => [o.target, o.action]),
      [
        ['repository acme/one', 'created'],
        ['repository acme/two', 'created'],
      ],
    );
    const ours = api.hooks.get('acme/one')![1]!;
    assert.deepEqual(
      { url: ours.url, active: ours.active, events: ours.events },
      { url: 'https://events.example.com/push', active: true, events: ['repo:push'] },
    );
    assert.deepEqual(
      (await ensureBitbucketHooks(withUrl(), secrets, api.redirectingFetch)).map((o) => o.action),
      ['unchanged', 'unchanged'],
    );
    const updated = await ensureBitbucketHooks(
      withUrl({ events: ['pullrequest:created'] }),
      secrets,
      api.redirectingFetch,
    );
    assert.deepEqual(
      updated.map((o) => o.action),
      ['updated', 'updated'],
    );
    assert.equal(api.hooks.get('acme/one')!.length, 2);
    assert.deepEqual(api.hooks.get('acme/one')![1]!.events, ['pullrequest:created']);
    assert.ok(api.calls.every((c) => c.authorization === basic));
  });

  test('deleteHookOnFinish deletes ours and keeps the others', async () => {
    const out = await removeBitbucketHooks(
      withUrl({ deleteHookOnFinish: true }),
      secrets,
      api.redirectingFetch,
    );
    assert.deepEqual(
      out.map((o) => o.action),
      ['deleted', 'deleted'],
    );
    assert.deepEqual(
      api.hooks.get('acme/one')!.map((h) => h.uuid),
      ['{x}'],
    );
  });

  test('an OAuth token is sent as a bearer token', async () => {
    const oauthSecrets = createSecretStore({
      env: secretsEnv({ name: 'bb', key: 'oauth', value: 'oat-1' }),
      dir: '/x',
    });
    const out = await ensureBitbucketHooks(
      withUrl({ auth: { oauthToken: { name: 'bb', key: 'oauth' } } }),
      oauthSecrets,
      api.redirectingFetch,
    );
    assert.equal(out[0]!.action, 'failed', 'the fake accepts only the basic credentials');
    assert.equal(api.calls.at(-1)!.authorization, 'Bearer oat-1');
  });
});
