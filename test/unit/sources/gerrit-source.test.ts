// The gerrit EventSource through the port app, and its webhook management against a local fake of
// the Gerrit webhooks plugin's REST API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { createSecretStore, type SecretStore } from '../../../src/secrets/secret-store.js';
import { gerritHookManager } from '../../../src/sources/gerrit/gerrit-hooks.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';
import { startGerritApiFake, type GerritApiFake } from '../../support/fakes/gerrit-api-fake.js';

type Cfg = Record<string, unknown>;
const ensureGerritHooks = (c: Cfg, s: SecretStore, f: typeof fetch) =>
  gerritHookManager.ensure(c, { secrets: s, fetch: f });
const removeGerritHooks = (c: Cfg, s: SecretStore, f: typeof fetch) =>
  gerritHookManager.remove(c, { secrets: s, fetch: f });

const PORT = 13000;

function config(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return {
    projects: ['argo-webhook', 'argo/webhook'],
    hookName: 'eventide-hook',
    webhook: { endpoint: '/gerrit', port: String(PORT), method: 'POST', ...webhook },
    events: ['patchset-created'],
    auth: { username: { name: 'gerrit', key: 'username' }, password: { name: 'gerrit', key: 'password' } },
    gerritBaseURL: 'http://gerrit.example.com:8080/',
    ...extra,
  };
}

const manifest = (extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) =>
  eventSource('gerrit', { gerrit: { example: config(extra, webhook) } });

const patchset = JSON.stringify({
  type: 'patchset-created',
  change: { project: 'argo-webhook', branch: 'main', number: 42 },
  patchSet: { number: 1, revision: 'deadbeef' },
  eventCreatedOn: 1700000000,
});

const post = (h: ReturnType<typeof saasPortApp>, body: string, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/gerrit',
    payload: body,
    headers: { 'content-type': 'application/json', ...headers },
  });

const problemsOf = (doc: object) =>
  validateText('es.yaml', stringify(doc)).problems.map((p) => `${p.path}: ${p.message}`);

describe('gerrit EventSource', () => {
  test("Argo's example manifest validates", () => {
    assert.deepEqual(validatePath('/work/shared/argo-examples/event-sources/gerrit.yaml').problems, []);
  });

  test('a delivery becomes {headers, body, metadata}', async () => {
    const h = saasPortApp(manifest({ metadata: { site: 'eu' } }), { port: PORT });
    assert.equal((await post(h, patchset)).statusCode, 200);
    const data = h.events()[0] as { headers: Record<string, string[]>; body: unknown; metadata: unknown };
    assert.deepEqual(data.body, JSON.parse(patchset));
    assert.deepEqual(data.metadata, { site: 'eu' });
    assert.deepEqual(data.headers['Content-Type'], ['application/json']);
  });

  test('malformed 400, oversize 413, bearer 401, missing bearer secret 500', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 300 }), { port: PORT });
    const bad = await post(h, '{"type":');
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as { code: string }).code, 'EVT_ERR_INGRESS_BAD_BODY');
    assert.equal((await post(h, JSON.stringify({ pad: 'z'.repeat(400) }))).statusCode, 413);
    const guarded = { authSecret: { name: 'g', key: 'bearer' } };
    const withSecret = saasPortApp(manifest({}, guarded), {
      port: PORT,
      secrets: secretsEnv({ name: 'g', key: 'bearer', value: 'b-1' }),
    });
    assert.equal((await post(withSecret, patchset, { authorization: 'Bearer wrong' })).statusCode, 401);
    const withoutSecret = saasPortApp(manifest({}, guarded), { port: PORT });
    assert.equal((await post(withoutSecret, patchset, { authorization: 'Bearer b-1' })).statusCode, 500);
    assert.equal(h.dispatched.length + withSecret.dispatched.length + withoutSecret.dispatched.length, 0);
  });

  describe('validation', () => {
    test("Argo's required fields", () => {
      const doc = manifest({ projects: [], events: undefined, gerritBaseURL: undefined, auth: undefined });
      assert.deepEqual(problemsOf(doc).sort(), [
        'spec.gerrit.example.auth: required',
        'spec.gerrit.example.events: required',
        'spec.gerrit.example.gerritBaseURL: required',
        'spec.gerrit.example.projects: must name at least one project',
      ]);
    });

    test('registering the webhook needs a hookName', () => {
      assert.deepEqual(problemsOf(manifest({ hookName: undefined }, { url: 'https://events.example.com' })), [
        'spec.gerrit.example.hookName: required to register the Gerrit webhook (its remote name)',
      ]);
    });
  });
});

describe('Gerrit webhook management', () => {
  const secrets = createSecretStore({
    env: secretsEnv(
      { name: 'gerrit', key: 'username', value: 'admin' },
      { name: 'gerrit', key: 'password', value: 'pw' },
    ),
    dir: '/nonexistent',
  });
  let api: GerritApiFake;
  before(async () => {
    api = await startGerritApiFake({ username: 'admin', password: 'pw' });
  });
  after(() => api.close());
  const withUrl = (extra: Record<string, unknown> = {}) =>
    config({ gerritBaseURL: api.url, maxTries: 3, ...extra }, { url: 'https://events.example.com' });

  test('puts the remote on every project under /a/, then leaves it, then updates it', async () => {
    const created = await ensureGerritHooks(withUrl(), secrets, fetch);
    assert.deepEqual(
      created.map((o) => [o.target, o.action]),
      [
        ['project argo-webhook', 'created'],
        ['project argo/webhook', 'created'],
      ],
    );
    assert.ok(
      api.calls.some(
        (c) => c.path === '/a/config/server/webhooks~projects/argo%2Fwebhook/remotes/eventide-hook/',
      ),
    );
    assert.deepEqual(api.remotes.get('argo/webhook')!['eventide-hook'], {
      url: 'https://events.example.com/gerrit',
      events: ['patchset-created'],
      maxTries: 3,
    });
    assert.deepEqual(
      (await ensureGerritHooks(withUrl(), secrets, fetch)).map((o) => o.action),
      ['unchanged', 'unchanged'],
    );
    assert.deepEqual(
      (await ensureGerritHooks(withUrl({ events: ['change-merged'] }), secrets, fetch)).map((o) => o.action),
      ['updated', 'updated'],
    );
  });

  test('deleteHookOnFinish deletes our remote, not a same-named remote pointing elsewhere', async () => {
    api.remotes.get('argo-webhook')!['eventide-hook'] = { url: 'https://someone-else.example.com' };
    assert.deepEqual(await removeGerritHooks(withUrl(), secrets, fetch), []);
    const out = await removeGerritHooks(withUrl({ deleteHookOnFinish: true }), secrets, fetch);
    assert.deepEqual(
      out.map((o) => [o.target, o.action]),
      [
        ['project argo-webhook', 'absent'],
        ['project argo/webhook', 'deleted'],
      ],
    );
    assert.equal(api.remotes.get('argo/webhook')!['eventide-hook'], undefined);
  });

  test('wrong credentials fail each project with the status', async () => {
    const bad = createSecretStore({
      env: secretsEnv(
        { name: 'gerrit', key: 'username', value: 'admin' },
        { name: 'gerrit', key: 'password', value: 'no' },
      ),
      dir: '/x',
    });
    const out = await ensureGerritHooks(withUrl(), bad, fetch);
    assert.deepEqual(
      out.map((o) => o.action),
      ['failed', 'failed'],
    );
    assert.match(out[0]!.error!, /answered 401/);
  });
});
