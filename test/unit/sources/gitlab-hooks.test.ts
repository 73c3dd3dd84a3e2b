// GitLab hook management against a local fake of GitLab's API v4: project and group hooks are
// created with every event flag explicit, found across pages, updated when they differ, and
// deleted on finish.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSecretStore, secretEnvName } from '../../../src/secrets/secret-store.js';
import { gitlabHookManager } from '../../../src/sources/gitlab/gitlab-hooks.js';
import type { SecretStore } from '../../../src/secrets/secret-store.js';
import { startGitlabApiFake, type GitlabApiFake } from '../../support/fakes/gitlab-api-fake.js';

const ensureGitlabHooks = (cfg: Record<string, unknown>, store: SecretStore, fetchFn: typeof fetch) =>
  gitlabHookManager.ensure(cfg, { secrets: store, fetch: fetchFn });
const removeGitlabHooks = (cfg: Record<string, unknown>, store: SecretStore, fetchFn: typeof fetch) =>
  gitlabHookManager.remove(cfg, { secrets: store, fetch: fetchFn });

const ACCESS = 'glpat-fake-1';
const secrets = createSecretStore({
  env: {
    [secretEnvName({ name: 'gitlab-access', key: 'token' })]: ACCESS,
    [secretEnvName({ name: 'gitlab-secret', key: 'token' })]: 'hook-token-2',
  },
  dir: '/nonexistent',
});

function cfg(api: GitlabApiFake, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    projects: ['whynowy/test', '3'],
    webhook: { endpoint: 'push', port: '12000', url: 'https://events.example.com' },
    events: ['PushEvents', 'TagPushEvents'],
    accessToken: { name: 'gitlab-access', key: 'token' },
    gitlabBaseURL: api.url,
    ...extra,
  };
}

describe('GitLab hook management', () => {
  let api: GitlabApiFake;
  before(async () => {
    api = await startGitlabApiFake({ token: ACCESS, perPage: 1 });
  });
  after(() => api.close());

  test('creates a hook per project, every event flag explicit, under /api/v4', async () => {
    api.hooks.clear();
    const out = await ensureGitlabHooks(
      cfg(api, { secretToken: { name: 'gitlab-secret', key: 'token' } }),
      secrets,
      fetch,
    );
    assert.deepEqual(
      out.map((o) => [o.target, o.action]),
      [
        ['project whynowy/test', 'created'],
        ['project 3', 'created'],
      ],
    );
    assert.ok(
      api.calls.some((c) => c.path === '/api/v4/projects/whynowy%2Ftest/hooks'),
      'the path is URL-encoded',
    );
    const hook = api.hooks.get('projects/whynowy/test')![0]!;
    assert.equal(hook.url, 'https://events.example.com/push');
    assert.equal(hook.token, 'hook-token-2');
    assert.equal(hook.push_events, true);
    assert.equal(hook.tag_push_events, true);
    assert.equal(hook.merge_requests_events, false);
    assert.equal(hook.enable_ssl_verification, false);
  });

  test('a second run finds the hooks (across pages) and leaves them alone', async () => {
    api.hooks.clear();
    api.hooks.set('projects/3', [{ id: 900, url: 'https://ci.example.com/hook' }]);
    await ensureGitlabHooks(cfg(api), secrets, fetch);
    const out = await ensureGitlabHooks(cfg(api), secrets, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['unchanged', 'unchanged'],
    );
    assert.equal(api.hooks.get('projects/3')!.length, 2);
  });

  test('changed events update the hook in place', async () => {
    api.hooks.clear();
    await ensureGitlabHooks(cfg(api), secrets, fetch);
    const out = await ensureGitlabHooks(cfg(api, { events: ['MergeRequestsEvents'] }), secrets, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['updated', 'updated'],
    );
    const hook = api.hooks.get('projects/3')![0]!;
    assert.equal(hook.push_events, false);
    assert.equal(hook.merge_requests_events, true);
  });

  test('group hooks; the deprecated projectID counts as a project', async () => {
    api.hooks.clear();
    const out = await ensureGitlabHooks(
      cfg(api, { projects: undefined, projectID: '7', groups: ['my-group'] }),
      secrets,
      fetch,
    );
    assert.deepEqual(
      out.map((o) => o.target),
      ['group my-group', 'project 7'],
    );
    assert.equal(api.hooks.get('groups/my-group')!.length, 1);
  });

  test("a wrong access token fails each target with GitLab's answer", async () => {
    const bad = createSecretStore({
      env: { [secretEnvName({ name: 'gitlab-access', key: 'token' })]: 'nope' },
      dir: '/x',
    });
    const out = await ensureGitlabHooks(cfg(api), bad, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['failed', 'failed'],
    );
    assert.match(out[0]!.error!, /answered 401/);
  });

  test('deleteHookOnFinish deletes our hooks and leaves the others', async () => {
    api.hooks.clear();
    api.hooks.set('projects/3', [{ id: 900, url: 'https://ci.example.com/hook' }]);
    await ensureGitlabHooks(cfg(api), secrets, fetch);
    assert.deepEqual(await removeGitlabHooks(cfg(api), secrets, fetch), []);
    const out = await removeGitlabHooks(cfg(api, { deleteHookOnFinish: true }), secrets, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['deleted', 'deleted'],
    );
    assert.deepEqual(
      api.hooks.get('projects/3')!.map((h) => h.id),
      [900],
    );
  });
});
