// The Kubernetes Secret cache against the fake Kubernetes API, reached through a real
// kubeconfig and the triggers' client: initial load, periodic refresh, failures that keep the
// last good copy, base64 decoding, paging, and hints and logs that never carry a value.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeClient } from '../../../src/kubernetes/kube-client.js';
import { clientNodeTransport } from '../../../src/kubernetes/kube-transport.js';
import { KubernetesSecretCache } from '../../../src/secrets/kubernetes-secret-cache.js';
import {
  chainSecretStores,
  createSecretStore,
  SecretNotFoundError,
} from '../../../src/secrets/secret-store.js';
import {
  DEFAULT_KINDS,
  SECRET_KIND,
  startFakeK8sApi,
  type FakeK8sApi,
} from '../../support/fakes/k8s-api-server.js';
import { waitFor } from '../../support/wait-for.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Values no log line or error may contain, plain or base64-encoded. */
const CANARY = 'canary-Zq81-value';
const CANARY_2 = 'second-canary-Wt4';

function putSecret(api: FakeK8sApi, namespace: string, name: string, data: Record<string, string>) {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]));
  api.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data: encoded });
}

function setSecretKey(api: FakeK8sApi, namespace: string, name: string, key: string, value: string) {
  api.mutate('secrets', namespace, name, (o) => {
    o.data = { ...o.data, [key]: b64(value) };
  });
}

function assertNoValues(text: string) {
  for (const v of [CANARY, CANARY_2]) {
    assert.ok(!text.includes(v), `a secret value leaked: ${text}`);
    assert.ok(!text.includes(b64(v)), `a base64 secret value leaked: ${text}`);
  }
}

describe('Kubernetes Secret cache', () => {
  let api: FakeK8sApi;
  let client: KubeClient;
  let logs: { msg: string; fields?: Record<string, unknown> }[];
  const caches: KubernetesSecretCache[] = [];

  const cache = (o: { namespaces?: string[]; refreshMs?: number; pageSize?: number } = {}) => {
    const c = new KubernetesSecretCache({
      client,
      namespaces: o.namespaces ?? ['apps'],
      refreshMs: o.refreshMs ?? 60_000,
      ...(o.pageSize ? { pageSize: o.pageSize } : {}),
      log: (msg, fields) => logs.push({ msg, ...(fields ? { fields } : {}) }),
    });
    caches.push(c);
    return c;
  };
  const secretLists = () => api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/secrets'));

  before(async () => {
    api = await startFakeK8sApi([...DEFAULT_KINDS, SECRET_KIND]);
    client = new KubeClient(await clientNodeTransport({ from: 'test', files: [api.kubeconfigPath] }));
  });
  after(async () => {
    await api.close();
  });
  beforeEach(async () => {
    await Promise.all(caches.splice(0).map((c) => c.stop()));
    api.reset();
    logs = [];
  });

  test('start() has read the namespace when it resolves, decoding base64 data to UTF-8 text', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    putSecret(api, 'apps', 'webhook', { token: CANARY, 'ca.crt': pem, unicode: 'héllo ✓' });
    putSecret(api, 'other', 'webhook', { token: 'not-this-namespace' });
    const c = cache();
    await c.start();
    assert.equal(c.tryGet({ name: 'webhook', key: 'token' }), CANARY);
    assert.equal(c.tryGet({ name: 'webhook', key: 'ca.crt' }), pem, 'newlines survive: values are exact');
    assert.equal(c.tryGet({ name: 'webhook', key: 'unicode' }), 'héllo ✓');
    assert.equal(secretLists().length, 1);
    assert.equal(secretLists()[0]!.path, '/api/v1/namespaces/apps/secrets');
    assert.equal(secretLists()[0]!.authorization, `Bearer ${api.token}`, 'authenticated by the kubeconfig');
    assert.deepEqual(logs, [{ msg: 'kubernetes secrets loaded', fields: { namespace: 'apps', secrets: 1 } }]);
  });

  test('a Secret without data, and one with an empty value, are both cached as such', async () => {
    api.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bare', namespace: 'apps' } });
    putSecret(api, 'apps', 'blank', { empty: '' });
    const c = cache();
    await c.start();
    assert.equal(c.tryGet({ name: 'blank', key: 'empty' }), '');
    assert.equal(c.tryGet({ name: 'bare', key: 'x' }), undefined);
    assert.deepEqual(c.missingHints({ name: 'bare', key: 'x' }), [
      'add the key x to the Kubernetes Secret apps/bare (it has no keys)',
    ]);
  });

  test('refresh picks up a new Secret, a changed value and a deleted Secret; the timer refreshes by itself', async () => {
    putSecret(api, 'apps', 'db', { password: 'old' });
    putSecret(api, 'apps', 'gone', { k: 'v' });
    const c = cache({ refreshMs: 100 });
    await c.start();
    assert.equal(c.tryGet({ name: 'api', key: 'token' }), undefined);

    putSecret(api, 'apps', 'api', { token: 'new-token' });
    setSecretKey(api, 'apps', 'db', 'password', 'rotated');
    const res = await fetch(`${api.url}/api/v1/namespaces/apps/secrets/gone`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${api.token}` },
    });
    assert.equal(res.status, 200);

    // No refresh() call here: the periodic one must find all three changes.
    await waitFor(() => c.tryGet({ name: 'db', key: 'password' }) === 'rotated', { timeoutMs: 3000 });
    assert.equal(c.tryGet({ name: 'api', key: 'token' }), 'new-token');
    assert.equal(c.tryGet({ name: 'gone', key: 'k' }), undefined, 'a deleted Secret is dropped');
    assert.ok(secretLists().length >= 2);
  });

  test('a failed refresh keeps the last good values and logs once per problem, without values', async () => {
    putSecret(api, 'apps', 'db', { password: CANARY });
    const c = cache();
    await c.start();
    setSecretKey(api, 'apps', 'db', 'password', CANARY_2);

    api.failNext(2, 503, 'GET');
    await c.refresh();
    await c.refresh();
    assert.equal(c.tryGet({ name: 'db', key: 'password' }), CANARY, 'the cached value survives failures');
    const failures = logs.filter((l) => l.msg.includes('refresh failed'));
    assert.equal(failures.length, 1, 'the same failure twice is logged once');
    assert.deepEqual(failures[0]!.fields, {
      namespace: 'apps',
      error: '503 InternalError: failing on purpose',
      cached: 1,
    });
    assert.match(
      c.missingHints({ name: 'db', key: 'user' })[0]!,
      /re-reading namespace apps currently fails: 503/,
    );

    await c.refresh();
    assert.equal(c.tryGet({ name: 'db', key: 'password' }), CANARY_2, 'the next good refresh applies');
    assert.equal(logs.at(-1)!.msg, 'kubernetes secrets loaded', 'recovery is logged');
    assertNoValues(JSON.stringify(logs));
  });

  test('a failed first load leaves the namespace empty, says why in the hint, and recovers later', async () => {
    putSecret(api, 'apps', 'db', { password: CANARY });
    api.failNext(1, 403, 'GET');
    const c = cache();
    await c.start();
    assert.equal(c.tryGet({ name: 'db', key: 'password' }), undefined);
    assert.deepEqual(c.missingHints({ name: 'db', key: 'password' }), [
      'make the Secrets of Kubernetes namespace apps readable (listing them failed: 403 InternalError: failing on purpose)',
    ]);
    await c.refresh();
    assert.equal(c.tryGet({ name: 'db', key: 'password' }), CANARY);
  });

  test('missing Secret and missing key get different messages; neither shows a value', async () => {
    putSecret(api, 'apps', 'db', { password: CANARY, username: CANARY_2 });
    const c = cache();
    await c.start();
    const store = chainSecretStores(createSecretStore({ env: {}, dir: '/nonexistent' }), c);
    const thrown = (ref: { name: string; key: string }) => {
      try {
        store.get(ref);
      } catch (e) {
        assert.ok(e instanceof SecretNotFoundError);
        assertNoValues(`${e.message}\n${e.stack}`);
        return e.message;
      }
      assert.fail('expected SecretNotFoundError');
    };
    assert.match(
      thrown({ name: 'db', key: 'host' }),
      /or add the key host to the Kubernetes Secret apps\/db \(its keys: password, username\) \(see README/,
    );
    assert.match(
      thrown({ name: 'cache', key: 'host' }),
      /or create the Kubernetes Secret apps\/cache with the key host \(see README/,
    );
  });

  test('several namespaces are searched in order; each is listed', async () => {
    putSecret(api, 'first', 'shared', { token: 'from-first' });
    putSecret(api, 'second', 'shared', { token: 'from-second', extra: 'only-second' });
    const c = cache({ namespaces: ['first', 'second'] });
    await c.start();
    assert.equal(c.tryGet({ name: 'shared', key: 'token' }), 'from-first');
    assert.equal(c.tryGet({ name: 'shared', key: 'extra' }), 'only-second');
    assert.deepEqual(
      secretLists()
        .map((r) => r.path)
        .sort(),
      ['/api/v1/namespaces/first/secrets', '/api/v1/namespaces/second/secrets'],
    );
    assert.equal(c.missingHints({ name: 'none', key: 'k' }).length, 2);
  });

  test('a large namespace is read page by page', async () => {
    for (let i = 0; i < 7; i++) putSecret(api, 'apps', `s${i}`, { n: String(i) });
    const c = cache({ pageSize: 3 });
    await c.start();
    for (let i = 0; i < 7; i++) assert.equal(c.tryGet({ name: `s${i}`, key: 'n' }), String(i));
    const lists = secretLists();
    assert.equal(lists.length, 3);
    assert.deepEqual(
      lists.map((r) => r.query),
      [{ limit: '3' }, { limit: '3', continue: '3' }, { limit: '3', continue: '6' }],
    );
  });

  test('stop() ends the periodic refresh', async () => {
    const c = cache({ refreshMs: 50 });
    await c.start();
    await c.stop();
    const count = secretLists().length;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(secretLists().length, count);
  });
});
