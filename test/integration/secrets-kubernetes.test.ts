// The Kubernetes Secret cache against a real kube-apiserver, reached through a kubeconfig and the
// triggers' client (its requests counted by a wrapper around the transport): initial load,
// periodic refresh, a real RBAC 403 on the first load that recovers once a RoleBinding grants
// access, base64 decoding, paging with the server's continue tokens, and hints and logs that
// never carry a value. An injected 503 (a real server cannot be made to fail on demand) stays on
// the fake in test/unit/secrets/kubernetes-secret-cache.test.ts.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeClient } from '../../src/kubernetes/kube-client.js';
import { clientNodeTransport, type KubeRequest } from '../../src/kubernetes/kube-transport.js';
import { KubernetesSecretCache } from '../../src/secrets/kubernetes-secret-cache.js';
import { chainSecretStores, createSecretStore, SecretNotFoundError } from '../../src/secrets/secret-store.js';
import { waitFor } from '../support/wait-for.js';
import {
  kubeApiServerMissing,
  startKubeApiServer,
  type KubeApiServer,
} from '../support/servers/kube-apiserver.js';

const skip = kubeApiServerMissing();
const NAMESPACES = ['apps', 'other', 'first', 'second', 'locked'];

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Values no log line or error may contain, plain or base64-encoded. */
const CANARY = 'canary-Zq81-value';
const CANARY_2 = 'second-canary-Wt4';

const secretsOf = (namespace: string) => `/api/v1/namespaces/${namespace}/secrets`;

async function putSecret(api: KubeApiServer, namespace: string, name: string, data?: Record<string, string>) {
  const encoded = data && Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]));
  await api.request('POST', secretsOf(namespace), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'Opaque',
    ...(encoded ? { data: encoded } : {}),
  });
}

async function setSecretKey(api: KubeApiServer, namespace: string, name: string, key: string, value: string) {
  await api.request(
    'PATCH',
    `${secretsOf(namespace)}/${name}`,
    { data: { [key]: b64(value) } },
    { contentType: 'application/merge-patch+json' },
  );
}

function assertNoValues(text: string) {
  for (const v of [CANARY, CANARY_2]) {
    assert.ok(!text.includes(v), `a secret value leaked: ${text}`);
    assert.ok(!text.includes(b64(v)), `a base64 secret value leaked: ${text}`);
  }
}

describe('Kubernetes Secret cache on a real kube-apiserver', { skip }, () => {
  let api: KubeApiServer;
  let client: KubeClient;
  let requests: KubeRequest[] = [];
  let logs: { msg: string; fields?: Record<string, unknown> }[];
  const caches: KubernetesSecretCache[] = [];

  const cache = (
    o: { namespaces?: string[]; refreshMs?: number; pageSize?: number; as?: KubeClient } = {},
  ) => {
    const c = new KubernetesSecretCache({
      client: o.as ?? client,
      namespaces: o.namespaces ?? ['apps'],
      refreshMs: o.refreshMs ?? 60_000,
      ...(o.pageSize ? { pageSize: o.pageSize } : {}),
      log: (msg, fields) => logs.push({ msg, ...(fields ? { fields } : {}) }),
    });
    caches.push(c);
    return c;
  };
  const secretLists = () => requests.filter((r) => r.method === 'GET' && r.path.endsWith('/secrets'));
  /** a client of this kubeconfig whose requests are recorded */
  const recordingClient = async (kubeconfig: string) => {
    const transport = await clientNodeTransport({ from: kubeconfig, files: [kubeconfig] });
    return new KubeClient((req) => (requests.push(req), transport(req)));
  };

  before(async () => {
    api = await startKubeApiServer();
    for (const name of NAMESPACES)
      await api.request('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
      });
    client = await recordingClient(api.kubeconfigPath);
  });
  after(async () => {
    await api?.stop();
  });
  beforeEach(async () => {
    await Promise.all(caches.splice(0).map((c) => c.stop()));
    for (const ns of NAMESPACES) await api.deleteAll(secretsOf(ns));
    requests = [];
    logs = [];
  });

  test('start() has read the namespace when it resolves, decoding base64 data to UTF-8 text', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    await putSecret(api, 'apps', 'webhook', { token: CANARY, 'ca.crt': pem, unicode: 'héllo ✓' });
    await putSecret(api, 'other', 'webhook', { token: 'not-this-namespace' });
    const c = cache();
    await c.start();
    assert.equal(c.tryGet({ name: 'webhook', key: 'token' }), CANARY);
    assert.equal(c.tryGet({ name: 'webhook', key: 'ca.crt' }), pem, 'newlines survive: values are exact');
    assert.equal(c.tryGet({ name: 'webhook', key: 'unicode' }), 'héllo ✓');
    assert.equal(secretLists().length, 1);
    assert.equal(secretLists()[0]!.path, '/api/v1/namespaces/apps/secrets');
    assert.deepEqual(logs, [{ msg: 'kubernetes secrets loaded', fields: { namespace: 'apps', secrets: 1 } }]);
  });

  test('a Secret without data, and one with an empty value, are both cached as such', async () => {
    await putSecret(api, 'apps', 'bare');
    await putSecret(api, 'apps', 'blank', { empty: '' });
    const c = cache();
    await c.start();
    assert.equal(c.tryGet({ name: 'blank', key: 'empty' }), '');
    assert.equal(c.tryGet({ name: 'bare', key: 'x' }), undefined);
    assert.deepEqual(c.missingHints({ name: 'bare', key: 'x' }), [
      'add the key x to the Kubernetes Secret apps/bare (it has no keys)',
    ]);
  });

  test('refresh picks up a new Secret, a changed value and a deleted Secret; the timer refreshes by itself', async () => {
    await putSecret(api, 'apps', 'db', { password: 'old' });
    await putSecret(api, 'apps', 'gone', { k: 'v' });
    const c = cache({ refreshMs: 100 });
    await c.start();
    assert.equal(c.tryGet({ name: 'api', key: 'token' }), undefined);

    await putSecret(api, 'apps', 'api', { token: 'new-token' });
    await setSecretKey(api, 'apps', 'db', 'password', 'rotated');
    await api.request('DELETE', `${secretsOf('apps')}/gone`);

    // No refresh() call here: the periodic one must find all three changes.
    await waitFor(() => c.tryGet({ name: 'db', key: 'password' }) === 'rotated', { timeoutMs: 3000 });
    assert.equal(c.tryGet({ name: 'api', key: 'token' }), 'new-token');
    assert.equal(c.tryGet({ name: 'gone', key: 'k' }), undefined, 'a deleted Secret is dropped');
    assert.ok(secretLists().length >= 2);
  });

  test('a 403 on the first load leaves the namespace empty, says why in the hint, and recovers once granted', async () => {
    await putSecret(api, 'locked', 'db', { password: CANARY });
    // User `nobody` has no RBAC bindings: the API server's own 403.
    const c = cache({ namespaces: ['locked'], as: await recordingClient(api.unprivilegedKubeconfigPath) });
    await c.start();
    assert.equal(c.tryGet({ name: 'db', key: 'password' }), undefined);
    const [hint, ...more] = c.missingHints({ name: 'db', key: 'password' });
    assert.equal(more.length, 0);
    assert.match(
      hint!,
      /^make the Secrets of Kubernetes namespace locked readable \(listing them failed: 403 Forbidden: secrets is forbidden: User "nobody" cannot list resource "secrets"/,
    );
    await api.request('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/locked/roles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'list-secrets' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }],
    });
    await api.request('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/locked/rolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'nobody-lists-secrets' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'list-secrets' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'nobody' }],
    });
    await waitFor(async () => (await c.refresh(), c.tryGet({ name: 'db', key: 'password' }) === CANARY), {
      what: 'the granted list to load the Secret',
    });
    assertNoValues(JSON.stringify(logs) + hint);
  });

  test('missing Secret and missing key get different messages; neither shows a value', async () => {
    await putSecret(api, 'apps', 'db', { password: CANARY, username: CANARY_2 });
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
    await putSecret(api, 'first', 'shared', { token: 'from-first' });
    await putSecret(api, 'second', 'shared', { token: 'from-second', extra: 'only-second' });
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
    for (let i = 0; i < 7; i++) await putSecret(api, 'apps', `s${i}`, { n: String(i) });
    const c = cache({ pageSize: 3 });
    await c.start();
    for (let i = 0; i < 7; i++) assert.equal(c.tryGet({ name: `s${i}`, key: 'n' }), String(i));
    const lists = secretLists();
    assert.equal(lists.length, 3);
    // The server's own continue tokens (opaque): the first page has none, the others carry one.
    assert.deepEqual(
      lists.map((r) => [r.query?.limit, Boolean(r.query?.continue)]),
      [
        ['3', false],
        ['3', true],
        ['3', true],
      ],
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
