// Bitbucket Server webhook management against a local fake of its REST API 1.0: listed
// repositories plus every repository of the listed projects (paged), create / leave / update by
// events and secret, and delete on finish.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretStore, secretEnvName } from '../../../src/secrets/secret-store.js';
import { bitbucketServerHookManager } from '../../../src/sources/bitbucketserver/bitbucketserver-hooks.js';
import type { SecretStore } from '../../../src/secrets/secret-store.js';
import {
  startBitbucketServerApiFake,
  type BitbucketServerApiFake,
} from '../../support/fakes/bitbucketserver-api-fake.js';

const ensureBitbucketServerHooks = (
  cfg: Record<string, unknown>,
  store: SecretStore,
  fetchFn: typeof fetch,
) => bitbucketServerHookManager.ensure(cfg, { secrets: store, fetch: fetchFn });
const removeBitbucketServerHooks = (
  cfg: Record<string, unknown>,
  store: SecretStore,
  fetchFn: typeof fetch,
) => bitbucketServerHookManager.remove(cfg, { secrets: store, fetch: fetchFn });

const ACCESS = 'bbs-access';
const secrets = createSecretStore({
  env: {
    [secretEnvName({ name: 'bbs', key: 'token' })]: ACCESS,
    [secretEnvName({ name: 'bbs', key: 'secret' })]: 'hmac-secret',
  },
  dir: '/nonexistent',
});

function cfg(api: BitbucketServerApiFake, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    repositories: [{ projectKey: 'PROJ', repositorySlug: 'listed' }],
    projects: ['TEAM'],
    webhook: { endpoint: '/push', port: '12000', url: 'https://events.example.com/' },
    events: ['repo:refs_changed'],
    accessToken: { name: 'bbs', key: 'token' },
    webhookSecret: { name: 'bbs', key: 'secret' },
    bitbucketserverBaseURL: api.base,
    ...extra,
  };
}

describe('Bitbucket Server webhook management', () => {
  let api: BitbucketServerApiFake;
  before(async () => {
    api = await startBitbucketServerApiFake({ token: ACCESS, pageSize: 1, projects: { TEAM: ['a', 'b'] } });
  });
  after(() => api.close());

  test('creates the "Argo Events" webhook on listed repositories and on every repository of the projects', async () => {
    api.hooks.clear();
    const out = await ensureBitbucketServerHooks(cfg(api), secrets, fetch);
    assert.deepEqual(
      out.map((o) => [o.target, o.action]),
      [
        ['repository PROJ/listed', 'created'],
        ['repository TEAM/a', 'created'],
        ['repository TEAM/b', 'created'],
      ],
    );
    const hook = api.hooks.get('TEAM/b')![0]!;
    assert.deepEqual(
      {
        name: hook.name,
        url: hook.url,
        active: hook.active,
        events: hook.events,
        configuration: hook.configuration,
      },
      {
        name: 'Argo Events',
        url: 'https://events.example.com/push',
        active: true,
        events: ['repo:refs_changed'],
        configuration: { secret: 'hmac-secret' },
      },
    );
  });

  test('unchanged on a second run; updated when events or the secret change', async () => {
    api.hooks.clear();
    await ensureBitbucketServerHooks(cfg(api), secrets, fetch);
    assert.deepEqual(
      (await ensureBitbucketServerHooks(cfg(api), secrets, fetch)).map((o) => o.action),
      ['unchanged', 'unchanged', 'unchanged'],
    );
    const changed = await ensureBitbucketServerHooks(cfg(api, { events: ['pr:opened'] }), secrets, fetch);
    assert.deepEqual(
      changed.map((o) => o.action),
      ['updated', 'updated', 'updated'],
    );
    const unsigned = await ensureBitbucketServerHooks(
      cfg(api, { events: ['pr:opened'], webhookSecret: undefined }),
      secrets,
      fetch,
    );
    assert.deepEqual(
      unsigned.map((o) => o.action),
      ['updated', 'updated', 'updated'],
    );
    const hook = api.hooks.get('PROJ/listed')!;
    assert.equal(hook.length, 1);
    assert.deepEqual(hook[0]!.events, ['pr:opened']);
    assert.equal(hook[0]!.configuration, undefined, 'no empty secret is sent');
  });

  test("an unknown project fails the run with the server's message", async () => {
    const out = await ensureBitbucketServerHooks(cfg(api, { projects: ['NOPE'] }), secrets, fetch);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.action, 'failed');
    assert.match(out[0]!.error!, /answered 404: Project NOPE does not exist/);
  });

  test('deleteHookOnFinish deletes the webhooks pointing at us', async () => {
    api.hooks.clear();
    await ensureBitbucketServerHooks(cfg(api), secrets, fetch);
    api.hooks.get('TEAM/a')!.push({ id: 500, url: 'https://ci.example.com', events: ['repo:refs_changed'] });
    assert.deepEqual(await removeBitbucketServerHooks(cfg(api), secrets, fetch), []);
    const out = await removeBitbucketServerHooks(cfg(api, { deleteHookOnFinish: true }), secrets, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['deleted', 'deleted', 'deleted'],
    );
    assert.deepEqual(
      api.hooks.get('TEAM/a')!.map((h) => h.id),
      [500],
    );
  });
});
