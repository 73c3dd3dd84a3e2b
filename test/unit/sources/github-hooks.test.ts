// GitHub hook management against a local fake of GitHub's REST API: create where missing,
// leave alone or update where present (found across pages), delete on finish, per-target
// failures, and GitHub App authentication.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { createSecretStore, secretEnvName, type SecretStore } from '../../../src/secrets/secret-store.js';
import { githubHookManager } from '../../../src/sources/github/github-hooks.js';
import { startGithubApiFake, type GithubApiFake } from '../../support/fakes/github-api-fake.js';

const TOKEN = 'ghp_fake_token_1';
const HOOK_SECRET = 'hook-secret-9';
const secrets = createSecretStore({
  env: {
    [secretEnvName({ name: 'github-access', key: 'token' })]: TOKEN,
    [secretEnvName({ name: 'github-access', key: 'secret' })]: HOOK_SECRET,
  },
  dir: '/nonexistent',
});

function cfg(api: GithubApiFake, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    repositories: [{ owner: 'argoproj', names: ['argo-events', 'argo-workflows'] }],
    webhook: { endpoint: '/push', port: '12000', method: 'POST', url: 'https://events.example.com/' },
    events: ['push', 'pull_request'],
    apiToken: { name: 'github-access', key: 'token' },
    githubBaseURL: `${api.url}/`,
    githubUploadURL: `${api.url}/upload/`,
    active: true,
    insecure: false,
    contentType: 'json',
    ...extra,
  };
}

type Cfg = Record<string, unknown>;
const ensureGithubHooks = (c: Cfg, s: SecretStore, f: typeof fetch) =>
  githubHookManager.ensure(c, { secrets: s, fetch: f });
const removeGithubHooks = (c: Cfg, s: SecretStore, f: typeof fetch) =>
  githubHookManager.remove(c, { secrets: s, fetch: f });

describe('GitHub hook management', () => {
  let api: GithubApiFake;
  before(async () => {
    api = await startGithubApiFake({ token: TOKEN, perPage: 2, missing: ['repos/argoproj/gone'] });
  });
  after(() => api.close());

  test('creates one hook per repository with the URL, events and settings of the spec', async () => {
    api.hooks.clear();
    const out = await ensureGithubHooks(
      cfg(api, { webhookSecret: { name: 'github-access', key: 'secret' } }),
      secrets,
      fetch,
    );
    assert.deepEqual(
      out.map((o) => [o.target, o.action]),
      [
        ['repository argoproj/argo-events', 'created'],
        ['repository argoproj/argo-workflows', 'created'],
      ],
    );
    const hook = api.hooks.get('repos/argoproj/argo-events')![0]!;
    assert.deepEqual(hook.config, {
      url: 'https://events.example.com/push',
      insecure_ssl: '0',
      content_type: 'json',
      secret: HOOK_SECRET,
    });
    assert.deepEqual(hook.events, ['push', 'pull_request']);
    assert.equal(hook.active, true);
    assert.ok(api.calls.every((c) => c.authorization === `Bearer ${TOKEN}`));
  });

  test('a second run finds the hooks and leaves them alone', async () => {
    api.hooks.clear();
    await ensureGithubHooks(cfg(api), secrets, fetch);
    const before = api.calls.length;
    const out = await ensureGithubHooks(cfg(api), secrets, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['unchanged', 'unchanged'],
    );
    assert.ok(
      api.calls.slice(before).every((c) => c.method === 'GET'),
      'only lists',
    );
    assert.equal(api.hooks.get('repos/argoproj/argo-events')!.length, 1);
  });

  test('changed events update the existing hook instead of adding one', async () => {
    api.hooks.clear();
    await ensureGithubHooks(cfg(api), secrets, fetch);
    const out = await ensureGithubHooks(cfg(api, { events: ['release'] }), secrets, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['updated', 'updated'],
    );
    const hooks = api.hooks.get('repos/argoproj/argo-events')!;
    assert.equal(hooks.length, 1);
    assert.deepEqual(hooks[0]!.events, ['release']);
  });

  test('an existing hook on a later page is found (Link pagination)', async () => {
    api.hooks.clear();
    const other = (n: number) => ({
      id: n,
      name: 'web',
      active: true,
      events: ['push'],
      config: { url: `https://elsewhere.example.com/${n}` },
    });
    api.hooks.set('orgs/argoproj', [
      other(1),
      other(2),
      other(3),
      other(4),
      {
        id: 5,
        name: 'web',
        active: true,
        events: ['push', 'pull_request'],
        config: { url: 'https://events.example.com/push', insecure_ssl: '0', content_type: 'json' },
      },
    ]);
    const out = await ensureGithubHooks(
      cfg(api, { repositories: undefined, organizations: ['argoproj'] }),
      secrets,
      fetch,
    );
    assert.deepEqual(out, [{ target: 'organization argoproj', action: 'unchanged', hookId: '5' }]);
    assert.equal(api.calls.filter((c) => c.path.startsWith('/orgs/argoproj/hooks?')).length >= 3, true);
  });

  test('a repository that fails is reported; the others are still set up', async () => {
    api.hooks.clear();
    const out = await ensureGithubHooks(
      cfg(api, { repositories: [{ owner: 'argoproj', names: ['gone', 'argo-events'] }] }),
      secrets,
      fetch,
    );
    assert.equal(out[0]!.action, 'failed');
    assert.match(
      out[0]!.error!,
      /GET .*\/repos\/argoproj\/gone\/hooks\?per_page=100 answered 404: Not Found/,
    );
    assert.equal(out[1]!.action, 'created');
  });

  test('a missing apiToken fails every target without leaking anything', async () => {
    const out = await ensureGithubHooks(
      cfg(api, { apiToken: { name: 'nope', key: 'token' } }),
      secrets,
      fetch,
    );
    assert.deepEqual(
      out.map((o) => o.action),
      ['failed', 'failed'],
    );
    assert.match(out[0]!.error!, /secret nope\/token not found/);
  });

  test('nothing to manage without credentials or without webhook.url', async () => {
    const calls = api.calls.length;
    assert.deepEqual(await ensureGithubHooks(cfg(api, { apiToken: undefined }), secrets, fetch), []);
    assert.deepEqual(
      await ensureGithubHooks(cfg(api, { webhook: { endpoint: '/push', port: '12000' } }), secrets, fetch),
      [],
    );
    assert.equal(api.calls.length, calls);
  });

  test('deleteHookOnFinish removes the hooks that point at us, and only those', async () => {
    api.hooks.clear();
    await ensureGithubHooks(cfg(api), secrets, fetch);
    api.hooks.get('repos/argoproj/argo-events')!.push({
      id: 999,
      name: 'web',
      active: true,
      events: ['push'],
      config: { url: 'https://ci.example.com/hook' },
    });
    assert.deepEqual(await removeGithubHooks(cfg(api), secrets, fetch), [], 'without deleteHookOnFinish');
    const out = await removeGithubHooks(cfg(api, { deleteHookOnFinish: true }), secrets, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['deleted', 'deleted'],
    );
    assert.deepEqual(
      api.hooks.get('repos/argoproj/argo-events')!.map((h) => h.id),
      [999],
    );
    const again = await removeGithubHooks(cfg(api, { deleteHookOnFinish: true }), secrets, fetch);
    assert.deepEqual(
      again.map((o) => o.action),
      ['absent', 'absent'],
    );
  });

  test('an omitted `active` creates an active hook', async () => {
    api.hooks.clear();
    await ensureGithubHooks(cfg(api, { active: undefined }), secrets, fetch);
    assert.equal(api.hooks.get('repos/argoproj/argo-events')![0]!.active, true);
  });
});

describe('GitHub App authentication', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const appSecrets = createSecretStore({
    env: { [secretEnvName({ name: 'github-app', key: 'privateKey.pem' })]: pem },
    dir: '/nonexistent',
  });
  let api: GithubApiFake;
  before(async () => {
    api = await startGithubApiFake({
      token: 'ghs_installation_token',
      app: {
        appId: 4242,
        installationId: 77,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    });
  });
  after(() => api.close());

  test('the app JWT is exchanged for an installation token that creates the hooks', async () => {
    const out = await ensureGithubHooks(
      cfg(api, {
        apiToken: undefined,
        githubApp: {
          privateKey: { name: 'github-app', key: 'privateKey.pem' },
          appID: 4242,
          installationID: 77,
        },
      }),
      appSecrets,
      fetch,
    );
    assert.deepEqual(
      out.map((o) => o.action),
      ['created', 'created'],
    );
    assert.equal(api.calls[0]!.path, '/app/installations/77/access_tokens');
    assert.ok(api.calls.slice(1).every((c) => c.authorization === 'Bearer ghs_installation_token'));
  });

  test("a wrong installation id fails with GitHub's answer", async () => {
    const out = await ensureGithubHooks(
      cfg(api, {
        apiToken: undefined,
        githubApp: {
          privateKey: { name: 'github-app', key: 'privateKey.pem' },
          appID: 4242,
          installationID: 78,
        },
      }),
      appSecrets,
      fetch,
    );
    assert.equal(out[0]!.action, 'failed');
    assert.match(out[0]!.error!, /access_tokens answered 401/);
  });
});
