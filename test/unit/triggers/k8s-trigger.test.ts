// The k8s trigger against a fake Kubernetes API reached through a real kubeconfig: each
// operation, at-most-once create across retries, namespaces, errors and policy.k8s.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { k8sTrigger } from '../../../activities/triggers/k8s/execute.js';
import { TRIGGER_PERMISSION_ERROR } from '../../../activities/trigger-failure-types.js';
import { IDEMPOTENCY_LABEL } from '../../../activities/kubernetes/create-once.js';
import { startFakeK8sApi, type FakeK8sApi } from '../../support/fakes/k8s-api-server.js';
import { helloWorkflow } from '../../support/fakes/k8s-workflow-fixture.js';
import { DEP, failureOf, fireFor, requestFor } from './trigger-fixtures.js';

const workflow = helloWorkflow('webhook-');

function k8s(spec: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { template: { name: 'wf-trigger', k8s: spec }, ...extra };
}

const messageParam = {
  src: { dependencyName: DEP, dataKey: 'body.message' },
  dest: 'spec.arguments.parameters.0.value',
};

describe('k8s trigger', () => {
  let api: FakeK8sApi;
  const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME };

  before(async () => {
    api = await startFakeK8sApi();
    process.env.KUBECONFIG = api.kubeconfigPath;
  });
  after(async () => {
    process.env.KUBECONFIG = saved.KUBECONFIG;
    await api.close();
  });
  beforeEach(() => api.reset());

  test('create: a parameterized Workflow with generateName, in the Sensor namespace, labelled', async () => {
    const fire = fireFor(
      k8s({ operation: 'create', source: { resource: workflow }, parameters: [messageParam] }),
      { body: { message: 'from the event' } },
    );
    const detail = (await k8sTrigger(requestFor(fire))) as Record<string, unknown>;
    const [wf, ...more] = api.objects('workflows');
    assert.equal(more.length, 0);
    assert.match(wf!.metadata.name, /^webhook-[0-9a-f]{5}$/);
    assert.equal(wf!.metadata.namespace, 'default');
    assert.equal(wf!.spec.arguments.parameters[0].value, 'from the event');
    assert.equal(wf!.metadata.labels[IDEMPOTENCY_LABEL], fire.idempotencyKey);
    assert.equal(wf!.metadata.labels['events.argoproj.io/sensor'], 'test-sensor');
    assert.equal(wf!.metadata.labels['events.argoproj.io/trigger'], 'wf-trigger');
    assert.match(wf!.metadata.labels['events.argoproj.io/action-timestamp'], /^\d{13}$/);
    assert.deepEqual(
      {
        name: detail.name,
        namespace: detail.namespace,
        created: detail.created,
        operation: detail.operation,
      },
      { name: wf!.metadata.name, namespace: 'default', created: true, operation: 'create' },
    );
    // The kubeconfig's bearer token reached the API.
    assert.ok(api.requests.every((r) => r.authorization === `Bearer ${api.token}`));
  });

  test('create is at most once per fire: a retry after a lost answer finds the first object', async () => {
    const fire = fireFor(k8s({ source: { resource: workflow } }));
    api.loseNextAnswer('POST');
    const lost = await failureOf(() => k8sTrigger(requestFor(fire)));
    assert.equal(lost.nonRetryable, false, lost.message);
    assert.equal(api.objects('workflows').length, 1, 'the server created it before the answer was lost');
    const detail = (await k8sTrigger(requestFor(fire, { attempt: 2 }))) as Record<string, unknown>;
    assert.equal(detail.created, false);
    assert.equal(detail.name, api.objects('workflows')[0]!.metadata.name);
    assert.equal(api.objects('workflows').length, 1);
    // A different fire (another event) creates another object.
    await k8sTrigger(requestFor(fireFor(k8s({ source: { resource: workflow } }))));
    assert.equal(api.objects('workflows').length, 2);
  });

  test('namespace: the resource’s own wins; cluster-scoped kinds get none', async () => {
    await k8sTrigger(
      requestFor(
        fireFor(k8s({ source: { resource: { ...workflow, metadata: { name: 'wf1', namespace: 'ops' } } } })),
      ),
    );
    assert.equal(api.get('workflows', 'ops', 'wf1')?.metadata.namespace, 'ops');
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
    await k8sTrigger(requestFor(fireFor(k8s({ source: { resource: ns } }))));
    const post = api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/namespaces'));
    assert.equal(post?.path, '/api/v1/namespaces');
    assert.equal(api.objects('namespaces')[0]?.metadata.namespace, undefined);
  });

  test('create of an existing fixed name fails without retrying', async () => {
    api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'default' },
      data: {},
    });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } };
    const f = await failureOf(() => k8sTrigger(requestFor(fireFor(k8s({ source: { resource: cm } })))));
    assert.equal(f.nonRetryable, true);
    assert.match(
      f.message,
      /create ConfigMap default\/cm \(not created by this event: use generateName, or operation update\): 409 AlreadyExists/,
    );
  });

  test('update merges into the live object (Argo’s mergo override) and creates when absent', async () => {
    api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'default', labels: { keep: 'yes' } },
      data: { a: 'old', b: 'kept' },
    });
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { a: 'new', c: '' },
    };
    const detail = (await k8sTrigger(
      requestFor(fireFor(k8s({ operation: 'update', source: { resource: cm } }))),
    )) as Record<string, unknown>;
    assert.equal(detail.updated, true);
    const live = api.get('configmaps', 'default', 'settings')!;
    assert.deepEqual(live.data, { a: 'new', b: 'kept', c: '' });
    assert.equal(live.metadata.labels.keep, 'yes');
    assert.equal(api.requests.filter((r) => r.method === 'PUT').length, 1);

    const fresh = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fresh' }, data: { x: '1' } };
    await k8sTrigger(requestFor(fireFor(k8s({ operation: 'update', source: { resource: fresh } }))));
    assert.deepEqual(api.get('configmaps', 'default', 'fresh')?.data, { x: '1' });
  });

  test('update with liveObject applies the parameters to the object read from the cluster', async () => {
    api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'live', namespace: 'default' },
      data: { a: 'cluster', b: 'cluster' },
    });
    const stub = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live' }, data: { a: 'stub' } };
    const fire = fireFor(
      k8s({
        operation: 'update',
        liveObject: true,
        source: { resource: stub },
        parameters: [{ src: { dependencyName: DEP, dataKey: 'body.v' }, dest: 'data.b' }],
      }),
      { body: { v: 'event' } },
    );
    await k8sTrigger(requestFor(fire));
    assert.deepEqual(api.get('configmaps', 'default', 'live')?.data, { a: 'cluster', b: 'event' });
  });

  test('patch sends the resource with the patch strategy (merge by default)', async () => {
    api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'p', namespace: 'default' },
      data: { a: '1' },
    });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' }, data: { b: '2' } };
    await k8sTrigger(requestFor(fireFor(k8s({ operation: 'patch', source: { resource: cm } }))));
    assert.deepEqual(api.get('configmaps', 'default', 'p')?.data, { a: '1', b: '2' });
    await k8sTrigger(
      requestFor(
        fireFor(
          k8s({
            operation: 'patch',
            patchStrategy: 'application/strategic-merge-patch+json',
            source: { resource: cm },
          }),
        ),
      ),
    );
    const patches = api.requests.filter((r) => r.method === 'PATCH').map((r) => r.contentType);
    assert.deepEqual(patches, ['application/merge-patch+json', 'application/strategic-merge-patch+json']);
  });

  test('delete removes the object; a missing one is not an error', async () => {
    api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gone', namespace: 'default' },
      data: {},
    });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gone' } };
    const first = (await k8sTrigger(
      requestFor(fireFor(k8s({ operation: 'delete', source: { resource: cm } }))),
    )) as Record<string, unknown>;
    assert.equal(first.deleted, true);
    assert.equal(api.get('configmaps', 'default', 'gone'), undefined);
    const again = (await k8sTrigger(
      requestFor(fireFor(k8s({ operation: 'delete', source: { resource: cm } }))),
    )) as Record<string, unknown>;
    assert.deepEqual(
      { deleted: again.deleted, reason: again.reason },
      { deleted: false, reason: 'not found' },
    );
  });

  test('errors: unknown kind and 403 are permanent, 500 is retried, missing name is a config error', async () => {
    const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const u = await failureOf(() => k8sTrigger(requestFor(fireFor(k8s({ source: { resource: unknown } })))));
    assert.equal(u.nonRetryable, true);
    assert.match(u.message, /does not serve kind Widget in apiVersion example\.com\/v1/);

    api.failNext(1, 403, 'POST');
    const forbidden = await failureOf(() =>
      k8sTrigger(requestFor(fireFor(k8s({ source: { resource: workflow } })))),
    );
    assert.equal(forbidden.nonRetryable, true);
    assert.match(forbidden.message, /k8s trigger: create Workflow default\/webhook-\*: 403/);
    // Forbidden is a permission failure naming the fix, not a configuration error.
    assert.equal(forbidden.type, TRIGGER_PERMISSION_ERROR);
    assert.match(forbidden.message, /grant Eventide's service account this verb on this resource/);
    assert.ok(forbidden.cause instanceof Error, 'the Kubernetes error is kept as the cause');

    api.failNext(1, 500, 'POST');
    const flaky = await failureOf(() =>
      k8sTrigger(requestFor(fireFor(k8s({ source: { resource: workflow } })))),
    );
    assert.equal(flaky.nonRetryable, false);

    const nameless = { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} };
    const n = await failureOf(() => k8sTrigger(requestFor(fireFor(k8s({ source: { resource: nameless } })))));
    assert.equal(n.nonRetryable, true);
    assert.match(n.message, /metadata\.name or metadata\.generateName/);
  });

  test('policy.k8s waits for the labels; a timeout fails only with errorOnBackoffTimeout', async () => {
    const policy = (errorOnBackoffTimeout: boolean) => ({
      k8s: {
        labels: { 'workflows.argoproj.io/phase': 'Succeeded' },
        backoff: { duration: '20ms', factor: 1, jitter: 0, steps: 40 },
        errorOnBackoffTimeout,
      },
    });
    const fire = fireFor(k8s({ source: { resource: workflow } }, { policy: policy(true) }));
    // A "controller" marks the Workflow succeeded a little after it was created.
    const controller = setInterval(() => {
      for (const wf of api.objects('workflows'))
        api.mutate('workflows', 'default', wf.metadata.name, (o) => {
          o.metadata.labels['workflows.argoproj.io/phase'] = 'Succeeded';
        });
    }, 150);
    try {
      const detail = (await k8sTrigger(requestFor(fire))) as {
        policy: { satisfied: boolean; checks: number };
      };
      assert.equal(detail.policy.satisfied, true);
      assert.ok(detail.policy.checks > 1, `checked ${detail.policy.checks} times`);
    } finally {
      clearInterval(controller);
    }

    const short = (flag: boolean) =>
      fireFor(
        k8s(
          { source: { resource: workflow } },
          {
            policy: { k8s: { ...policy(flag).k8s, backoff: { duration: '5ms', jitter: 0, steps: 3 } } },
          },
        ),
      );
    const timedOut = await failureOf(() => k8sTrigger(requestFor(short(true))));
    assert.equal(timedOut.nonRetryable, false);
    assert.match(timedOut.message, /did not get the labels .* after 3 checks/);
    const lenient = (await k8sTrigger(requestFor(short(false)))) as { policy: { satisfied: boolean } };
    assert.equal(lenient.policy.satisfied, false);
  });

  test('without any cluster configuration the error says how to configure one, and is retried', async () => {
    const home = mkdtempSync(join(tmpdir(), 'eventide-home-'));
    process.env.KUBECONFIG = '';
    process.env.HOME = home;
    try {
      const f = await failureOf(() =>
        k8sTrigger(requestFor(fireFor(k8s({ source: { resource: workflow } })))),
      );
      assert.equal(f.nonRetryable, false);
      assert.match(f.message, /no Kubernetes cluster configured \(set KUBECONFIG/);
    } finally {
      process.env.KUBECONFIG = api.kubeconfigPath;
      process.env.HOME = saved.HOME;
    }
  });
});
