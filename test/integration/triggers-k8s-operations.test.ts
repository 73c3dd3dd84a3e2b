// The k8s trigger against a real kube-apiserver (test Workflow CRD installed) reached through a
// kubeconfig: each operation, at-most-once create across retries, namespaces, errors (a real 403
// from RBAC) and policy.k8s. What only an injected fault shows (a lost answer, a 500) stays on the
// fake in test/unit/triggers/k8s-trigger.test.ts.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { k8sTrigger } from '../../activities/triggers/k8s/execute.js';
import { triggerResource } from '../../activities/artifacts/trigger-resource.js';
import { TRIGGER_PERMISSION_ERROR } from '../../activities/trigger-failure-types.js';
import { IDEMPOTENCY_LABEL } from '../../activities/kubernetes/create-once.js';
import { helloWorkflow } from '../support/fakes/k8s-workflow-fixture.js';
import { DEP, failureOf, fireFor, requestFor } from '../unit/triggers/trigger-fixtures.js';
import { workflowCrd } from '../support/kubernetes/test-crds.js';
import { clusterObjects, type ClusterObjects } from '../support/kubernetes/cluster-objects.js';
import {
  kubeApiServerMissing,
  startKubeApiServer,
  type KubeApiServer,
} from '../support/servers/kube-apiserver.js';

const skip = kubeApiServerMissing();

const workflow = helloWorkflow('webhook-');

function k8s(spec: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { template: { name: 'wf-trigger', k8s: spec }, ...extra };
}

const messageParam = {
  src: { dependencyName: DEP, dataKey: 'body.message' },
  dest: 'spec.arguments.parameters.0.value',
};

describe('k8s trigger on a real kube-apiserver', { skip }, () => {
  let kube: KubeApiServer;
  let api: ClusterObjects;
  const saved = { KUBECONFIG: process.env.KUBECONFIG };

  before(async () => {
    kube = await startKubeApiServer();
    await kube.installCrds([workflowCrd]);
    await kube.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'ops' },
    });
    api = clusterObjects(kube);
    process.env.KUBECONFIG = kube.kubeconfigPath;
  });
  after(async () => {
    process.env.KUBECONFIG = saved.KUBECONFIG;
    await kube?.stop();
  });
  beforeEach(() => api.reset(['workflows', 'configmaps', 'deployments']));

  test('create: a parameterized Workflow with generateName, in the Sensor namespace, labelled', async () => {
    const fire = fireFor(
      k8s({ operation: 'create', source: { resource: workflow }, parameters: [messageParam] }),
      { body: { message: 'from the event' } },
    );
    const detail = (await k8sTrigger(requestFor(fire))) as Record<string, unknown>;
    const [wf, ...more] = await api.objects('workflows');
    assert.equal(more.length, 0);
    assert.match(wf!.metadata.name, /^webhook-[a-z0-9]{5}$/);
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
  });

  test('create is at most once per fire: a retry finds the object the first attempt made', async () => {
    const fire = fireFor(k8s({ source: { resource: workflow } }));
    const first = (await k8sTrigger(requestFor(fire))) as Record<string, unknown>;
    const again = (await k8sTrigger(requestFor(fire, { attempt: 2 }))) as Record<string, unknown>;
    assert.deepEqual([again.created, again.name], [false, first.name]);
    assert.equal((await api.objects('workflows')).length, 1);
    // A different fire (another event) creates another object.
    await k8sTrigger(requestFor(fireFor(k8s({ source: { resource: workflow } }))));
    assert.equal((await api.objects('workflows')).length, 2);
  });

  test('namespace: the resource’s own wins; cluster-scoped kinds get none', async () => {
    await k8sTrigger(
      requestFor(
        fireFor(k8s({ source: { resource: { ...workflow, metadata: { name: 'wf1', namespace: 'ops' } } } })),
      ),
    );
    assert.equal((await api.get('workflows', 'ops', 'wf1'))?.metadata.namespace, 'ops');
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
    await k8sTrigger(requestFor(fireFor(k8s({ source: { resource: ns } }))));
    const created = await kube.request('GET', '/api/v1/namespaces/team-a');
    assert.equal(created.metadata.namespace, undefined);
  });

  test('create of an existing fixed name fails without retrying', async () => {
    await api.put({
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
    await api.put({
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
    const live = (await api.get('configmaps', 'default', 'settings'))!;
    assert.deepEqual(live.data, { a: 'new', b: 'kept', c: '' });
    assert.equal(live.metadata.labels.keep, 'yes');

    const fresh = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fresh' }, data: { x: '1' } };
    await k8sTrigger(requestFor(fireFor(k8s({ operation: 'update', source: { resource: fresh } }))));
    assert.deepEqual((await api.get('configmaps', 'default', 'fresh'))?.data, { x: '1' });
  });

  test('update with liveObject applies the parameters to the object read from the cluster', async () => {
    await api.put({
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
    assert.deepEqual((await api.get('configmaps', 'default', 'live'))?.data, { a: 'cluster', b: 'event' });
  });

  test('patch applies the resource with the patch strategy (merge by default)', async () => {
    await api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'p', namespace: 'default' },
      data: { a: '1' },
    });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p' }, data: { b: '2' } };
    await k8sTrigger(requestFor(fireFor(k8s({ operation: 'patch', source: { resource: cm } }))));
    assert.deepEqual((await api.get('configmaps', 'default', 'p'))?.data, { a: '1', b: '2' });
    // The strategies differ on lists: a merge patch replaces a Deployment's containers, a
    // strategic merge patch merges them by name.
    const pod = (containers: object[]) => ({
      metadata: { labels: { app: 'x' } },
      spec: { containers },
    });
    const deployment = (containers: object[]) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { selector: { matchLabels: { app: 'x' } }, template: pod(containers) },
    });
    const names = async () =>
      (
        (await api.get('deployments', 'default', 'd'))!.spec.template.spec.containers as {
          name: string;
          image: string;
        }[]
      ).map((c) => `${c.name}=${c.image}`);
    await api.put(
      deployment([
        { name: 'a', image: 'a:1' },
        { name: 'b', image: 'b:1' },
      ]),
    );
    const patch = (patchStrategy?: string) =>
      k8sTrigger(
        requestFor(
          fireFor(
            k8s({
              operation: 'patch',
              ...(patchStrategy ? { patchStrategy } : {}),
              source: { resource: deployment([{ name: 'a', image: 'a:2' }]) },
            }),
          ),
        ),
      );
    await patch('application/strategic-merge-patch+json');
    assert.deepEqual(await names(), ['a=a:2', 'b=b:1']);
    await patch();
    assert.deepEqual(await names(), ['a=a:2']);
  });

  test('delete removes the object; a missing one is not an error', async () => {
    await api.put({
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
    assert.equal(await api.get('configmaps', 'default', 'gone'), undefined);
    const again = (await k8sTrigger(
      requestFor(fireFor(k8s({ operation: 'delete', source: { resource: cm } }))),
    )) as Record<string, unknown>;
    assert.deepEqual(
      { deleted: again.deleted, reason: again.reason },
      { deleted: false, reason: 'not found' },
    );
  });

  test('errors: unknown kind and 403 are permanent, missing name is a config error', async () => {
    const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const u = await failureOf(() => k8sTrigger(requestFor(fireFor(k8s({ source: { resource: unknown } })))));
    assert.equal(u.nonRetryable, true);
    assert.match(u.message, /does not serve kind Widget in apiVersion example\.com\/v1/);

    // A user RBAC grants nothing: the API server's own 403.
    process.env.KUBECONFIG = kube.unprivilegedKubeconfigPath;
    const forbidden = await failureOf(() =>
      k8sTrigger(requestFor(fireFor(k8s({ source: { resource: workflow } })))),
    ).finally(() => (process.env.KUBECONFIG = kube.kubeconfigPath));
    assert.equal(forbidden.nonRetryable, true);
    assert.match(forbidden.message, /k8s trigger: create Workflow default\/webhook-\*: 403/);
    // Forbidden is a permission failure naming the fix, not a configuration error.
    assert.equal(forbidden.type, TRIGGER_PERMISSION_ERROR);
    assert.match(forbidden.message, /grant Eventide's service account this verb on this resource/);
    assert.ok(forbidden.cause instanceof Error, 'the Kubernetes error is kept as the cause');

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
      void api
        .objects('workflows')
        .then((wfs) =>
          Promise.all(
            wfs.map((wf) =>
              kube.request(
                'PATCH',
                `${api.collection('workflows')}/${wf.metadata.name}`,
                { metadata: { labels: { 'workflows.argoproj.io/phase': 'Succeeded' } } },
                { contentType: 'application/merge-patch+json' },
              ),
            ),
          ).catch(() => undefined),
        );
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

  test('configmap source: a key of a ConfigMap in the Sensor namespace, read through the API', async () => {
    const wfYaml = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Workflow',
      'metadata: {generateName: hello-}',
      'spec: {entrypoint: main, arguments: {parameters: [{name: message, value: from the map}]}}',
    ].join('\n');
    await api.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'workflow-cm', namespace: 'default' },
      data: { wf: wfYaml },
    });
    const resolve = (configmap: { name: string; key: string }) => {
      const req = requestFor(
        fireFor(k8s({ operation: 'create', source: { configmap }, parameters: [messageParam] }), {
          body: { message: 'from the event' },
        }),
      );
      return triggerResource(req, req.fire.template.k8s as never, 'k8s trigger');
    };
    const obj = (await resolve({ name: 'workflow-cm', key: 'wf' })) as {
      spec: { arguments: { parameters: { value: string }[] } };
    };
    assert.equal(obj.spec.arguments.parameters[0]!.value, 'from the event');
    const noKey = await failureOf(() => resolve({ name: 'workflow-cm', key: 'other' }));
    assert.match(noKey.message, /ConfigMap default\/workflow-cm has no key "other"/);
    const noMap = await failureOf(() => resolve({ name: 'absent', key: 'wf' }));
    assert.equal(noMap.nonRetryable, true);
    assert.match(noMap.message, /404 NotFound/);

    // A resource fetched from a ConfigMap is created once per fire, like an inline one.
    const req = requestFor(
      fireFor(
        k8s({
          operation: 'create',
          source: { configmap: { name: 'workflow-cm', key: 'wf' } },
          parameters: [messageParam],
        }),
        {
          body: { message: 'once' },
        },
      ),
    );
    await k8sTrigger(req);
    await k8sTrigger({ ...req, attempt: 2 });
    const wfs = (await api.objects('workflows')).filter(
      (w) => w.spec.arguments.parameters[0].value === 'once',
    );
    assert.equal(wfs.length, 1);
  });
});
