// The Kubernetes Secret cache where only a fake Kubernetes API can show the case: refreshes that
// fail with an injected 503 (a real API server cannot be made to fail on demand) keep the last
// good copy and log once, without values. Everything else (load, refresh, a real RBAC 403,
// paging, hints) runs against a real kube-apiserver in test/integration/secrets-kubernetes.test.ts.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KubeClient } from '../../../src/kubernetes/kube-client.js';
import { clientNodeTransport } from '../../../src/kubernetes/kube-transport.js';
import { KubernetesSecretCache } from '../../../src/secrets/kubernetes-secret-cache.js';
import {
  DEFAULT_KINDS,
  SECRET_KIND,
  startFakeK8sApi,
  type FakeK8sApi,
} from '../../support/fakes/k8s-api-server.js';

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
});
