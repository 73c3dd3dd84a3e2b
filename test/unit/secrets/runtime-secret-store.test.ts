// How a running Eventide builds its secret store from the environment: when Kubernetes Secrets
// are on (in a cluster, or asked for), which namespace, and that they are loaded before the
// store is handed out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntimeSecrets } from '../../../src/secrets/runtime-secret-store.js';
import {
  kubernetesSecretsSettings,
  SecretsConfigError,
} from '../../../src/secrets/kubernetes-secrets-config.js';
import { secretEnvName } from '../../../src/secrets/secret-store.js';
import {
  DEFAULT_KINDS,
  SECRET_KIND,
  startFakeK8sApi,
  type FakeK8sApi,
} from '../../support/fakes/k8s-api-server.js';

const NO_SA = '/nonexistent/serviceaccount';
const REF = { name: 'webhook', key: 'token' };

describe('Kubernetes Secrets settings', () => {
  test('off outside a cluster unless asked for; on in a cluster unless turned off', () => {
    assert.equal(kubernetesSecretsSettings({}, NO_SA), undefined);
    assert.equal(kubernetesSecretsSettings({ EVENTIDE_SECRETS_FROM_KUBERNETES: '0' }, NO_SA), undefined);
    assert.deepEqual(kubernetesSecretsSettings({ EVENTIDE_SECRETS_FROM_KUBERNETES: '1' }, NO_SA), {
      required: true,
      refreshMs: 30_000,
    });
    assert.deepEqual(kubernetesSecretsSettings({ KUBERNETES_SERVICE_HOST: '10.0.0.1' }, NO_SA), {
      required: false,
      refreshMs: 30_000,
    });
    assert.equal(
      kubernetesSecretsSettings(
        { KUBERNETES_SERVICE_HOST: '10.0.0.1', EVENTIDE_SECRETS_FROM_KUBERNETES: 'false' },
        NO_SA,
      ),
      undefined,
    );
    const sa = mkdtempSync(join(tmpdir(), 'eventide-sa-'));
    writeFileSync(join(sa, 'token'), 'sa-token');
    assert.equal(
      kubernetesSecretsSettings({}, sa)?.required,
      false,
      'a mounted service-account token is a cluster',
    );
  });

  test('namespaces and refresh interval are read and checked', () => {
    assert.deepEqual(
      kubernetesSecretsSettings(
        {
          EVENTIDE_SECRETS_FROM_KUBERNETES: '1',
          EVENTIDE_SECRETS_NAMESPACE: 'apps, shared',
          EVENTIDE_SECRETS_REFRESH: '1m30s',
        },
        NO_SA,
      ),
      { required: true, namespaces: ['apps', 'shared'], refreshMs: 90_000 },
    );
    const on = { EVENTIDE_SECRETS_FROM_KUBERNETES: '1' };
    assert.throws(
      () => kubernetesSecretsSettings({ ...on, EVENTIDE_SECRETS_REFRESH: '30' }, NO_SA),
      (e: Error) =>
        e instanceof SecretsConfigError && /EVENTIDE_SECRETS_REFRESH="30".*e\.g\. 30s/.test(e.message),
    );
    assert.throws(
      () => kubernetesSecretsSettings({ ...on, EVENTIDE_SECRETS_REFRESH: '10ms' }, NO_SA),
      SecretsConfigError,
    );
    assert.throws(
      () => kubernetesSecretsSettings({ ...on, EVENTIDE_SECRETS_NAMESPACE: 'Apps' }, NO_SA),
      /EVENTIDE_SECRETS_NAMESPACE="Apps" is not valid/,
    );
    assert.throws(
      () => kubernetesSecretsSettings({ EVENTIDE_SECRETS_FROM_KUBERNETES: 'maybe' }, NO_SA),
      /EVENTIDE_SECRETS_FROM_KUBERNETES="maybe" is not valid: expected 1 \(on\) or 0 \(off\)/,
    );
  });
});

describe('the runtime secret store', () => {
  let api: FakeK8sApi;
  const stops: (() => Promise<void>)[] = [];

  before(async () => {
    api = await startFakeK8sApi([...DEFAULT_KINDS, SECRET_KIND]);
    const data = { token: Buffer.from('from-kubernetes').toString('base64') };
    // The fake kubeconfig's context namespace is "default".
    api.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'webhook', namespace: 'default' }, data });
    api.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'other-ns', namespace: 'apps' }, data });
  });
  after(async () => {
    for (const s of stops) await s();
    await api.close();
  });

  const start = async (env: NodeJS.ProcessEnv, logs: string[] = []) => {
    const r = await startRuntimeSecrets({
      env,
      serviceAccountDir: NO_SA,
      log: (m, f) => logs.push(`${m} ${JSON.stringify(f)}`),
    });
    stops.push(() => r.stop());
    return r;
  };

  test('asked for with KUBECONFIG: loaded before it resolves, from the context namespace, after env and files', async () => {
    const r = await start({
      EVENTIDE_SECRETS_FROM_KUBERNETES: '1',
      KUBECONFIG: api.kubeconfigPath,
      EVENTIDE_SECRETS_DIR: '/nonexistent',
    });
    assert.ok(r.kubernetes);
    assert.equal(r.store.get(REF), 'from-kubernetes', 'no wait needed: the first lookup hits');
    assert.equal(r.store.tryGet({ name: 'other-ns', key: 'token' }), undefined, 'only its own namespace');

    const withEnv = await start({
      EVENTIDE_SECRETS_FROM_KUBERNETES: '1',
      KUBECONFIG: api.kubeconfigPath,
      [secretEnvName(REF)]: 'from-env',
    });
    assert.equal(withEnv.store.get(REF), 'from-env', 'the environment comes first');
  });

  test('EVENTIDE_SECRETS_NAMESPACE chooses the namespaces', async () => {
    const r = await start({
      EVENTIDE_SECRETS_FROM_KUBERNETES: '1',
      KUBECONFIG: api.kubeconfigPath,
      EVENTIDE_SECRETS_NAMESPACE: 'apps',
    });
    assert.equal(r.store.get({ name: 'other-ns', key: 'token' }), 'from-kubernetes');
    assert.equal(r.store.tryGet(REF), undefined);
  });

  test('asked for without any cluster: start fails and says how to fix it', async () => {
    await assert.rejects(
      startRuntimeSecrets({
        env: { EVENTIDE_SECRETS_FROM_KUBERNETES: '1', HOME: '/nonexistent' },
        serviceAccountDir: NO_SA,
      }),
      /EVENTIDE_SECRETS_FROM_KUBERNETES is on, but no Kubernetes cluster configured \(set KUBECONFIG/,
    );
  });

  test('detected cluster without a usable connection: env and files still work, and it is logged', async () => {
    const logs: string[] = [];
    const r = await start(
      { KUBERNETES_SERVICE_HOST: '10.0.0.1', HOME: '/nonexistent', [secretEnvName(REF)]: 'from-env' },
      logs,
    );
    assert.equal(r.kubernetes, undefined);
    assert.equal(r.store.get(REF), 'from-env');
    assert.equal(logs.length, 1);
    assert.match(logs[0]!, /^kubernetes secrets off: .*EVENTIDE_SECRETS_FROM_KUBERNETES=0/);
  });

  test('outside a cluster nothing talks to Kubernetes', async () => {
    const before = api.requests.length;
    const r = await start({ KUBECONFIG: api.kubeconfigPath, [secretEnvName(REF)]: 'from-env' });
    assert.equal(r.kubernetes, undefined);
    assert.equal(r.store.get(REF), 'from-env');
    assert.equal(api.requests.length, before);
  });
});
