// The argoWorkflow trigger against a real kube-apiserver with Workflow, WorkflowTemplate and
// CronWorkflow CRDs written for the tests (no Argo controller runs, so nothing executes; the tests
// look at the objects): submit (once per fire, CLI flags mapped onto the Workflow), submit-from,
// suspend/resume/terminate/stop on a real Workflow, and the operations that need the Argo Server.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { argoWorkflowTrigger } from '../../activities/triggers/argoWorkflow/execute.js';
import { IDEMPOTENCY_LABEL } from '../../activities/kubernetes/create-once.js';
import { DEP, failureOf, fireFor, requestFor } from '../unit/triggers/trigger-fixtures.js';
import { argoWorkflowsCrds } from '../support/kubernetes/test-crds.js';
import { clusterObjects, type ClusterObjects } from '../support/kubernetes/cluster-objects.js';
import {
  kubeApiServerMissing,
  startKubeApiServer,
  type KubeApiServer,
} from '../support/servers/kube-apiserver.js';

const skip = kubeApiServerMissing();

const workflow = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { generateName: 'special-' },
  spec: { entrypoint: 'main', arguments: { parameters: [{ name: 'message', value: 'hello world' }] } },
};

function argo(spec: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { template: { name: 'argo-workflow-trigger', argoWorkflow: spec }, ...extra };
}

async function run(spec: Record<string, unknown>, data: unknown = {}) {
  return (await argoWorkflowTrigger(requestFor(fireFor(argo(spec), data)))) as Record<string, unknown>;
}

describe('argoWorkflow trigger on a real kube-apiserver', { skip }, () => {
  let kube: KubeApiServer;
  let api: ClusterObjects;
  const saved = process.env.KUBECONFIG;

  before(async () => {
    kube = await startKubeApiServer();
    await kube.installCrds(argoWorkflowsCrds);
    api = clusterObjects(kube);
    process.env.KUBECONFIG = kube.kubeconfigPath;
  });
  after(async () => {
    process.env.KUBECONFIG = saved;
    await kube?.stop();
  });
  beforeEach(() => api.reset(['workflows', 'workflowtemplates', 'cronworkflows']));

  test('submit creates the parameterized Workflow with Argo’s labels and the idempotency label', async () => {
    const fire = fireFor(
      argo({
        operation: 'submit',
        source: { resource: workflow },
        parameters: [
          { src: { dependencyName: DEP, dataKey: 'body' }, dest: 'spec.arguments.parameters.0.value' },
        ],
      }),
      { body: 'payload text' },
    );
    const detail = (await argoWorkflowTrigger(requestFor(fire))) as Record<string, unknown>;
    const [wf] = await api.objects('workflows', 'default');
    assert.equal(detail.name, wf!.metadata.name);
    assert.equal(detail.created, true);
    assert.equal(wf!.spec.arguments.parameters[0].value, 'payload text');
    assert.equal(wf!.metadata.labels['events.argoproj.io/sensor'], 'test-sensor');
    assert.equal(wf!.metadata.labels['events.argoproj.io/trigger'], 'argo-workflow-trigger');
    assert.equal(wf!.metadata.labels[IDEMPOTENCY_LABEL], fire.idempotencyKey);
    // Retried: the same Workflow, not a second one.
    const again = (await argoWorkflowTrigger(requestFor(fire, { attempt: 2 }))) as Record<string, unknown>;
    assert.deepEqual([again.created, again.name], [false, wf!.metadata.name]);
    assert.equal((await api.objects('workflows')).length, 1);
  });

  test('an absent operation submits', async () => {
    const detail = await run({ source: { resource: workflow } });
    assert.equal(detail.operation, 'submit');
    assert.equal((await api.objects('workflows')).length, 1);
  });

  test('args: argo submit flags shape the Workflow, other arguments are reported as ignored', async () => {
    const detail = await run({
      operation: 'submit',
      source: { resource: workflow },
      args: [
        '-p',
        'message=from args',
        '--parameter=extra=1',
        '--entrypoint',
        'other',
        '--serviceaccount=runner',
        '-l',
        'team=a,tier=b',
        '--node-field-selector',
        'phase=abc',
      ],
    });
    const [wf] = await api.objects('workflows');
    assert.deepEqual(wf!.spec.arguments.parameters, [
      { name: 'message', value: 'from args' },
      { name: 'extra', value: '1' },
    ]);
    assert.equal(wf!.spec.entrypoint, 'other');
    assert.equal(wf!.spec.serviceAccountName, 'runner');
    assert.equal(wf!.metadata.labels.team, 'a');
    assert.equal(wf!.metadata.labels.tier, 'b');
    assert.deepEqual(detail.ignoredArgs, ['--node-field-selector', 'phase=abc']);
  });

  test('submit needs a Workflow with a name or generateName', async () => {
    const noName = await failureOf(() => run({ source: { resource: { ...workflow, metadata: {} } } }));
    assert.equal(noName.nonRetryable, true);
    assert.match(noName.message, /metadata\.name or metadata\.generateName/);
    const wrongKind = await failureOf(() =>
      run({ source: { resource: { ...workflow, kind: 'WorkflowTemplate', metadata: { name: 'x' } } } }),
    );
    assert.match(
      wrongKind.message,
      /submit creates a Workflow, the source is a WorkflowTemplate \(use submit-from\)/,
    );
  });

  test('submit-from a WorkflowTemplate references it; a missing one is a config error', async () => {
    await api.put({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: { name: 'print', namespace: 'default' },
      spec: {},
    });
    const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'print' } };
    await run({ operation: 'submit-from', source: { resource: ref }, args: ['-p', 'message=hi'] });
    const [wf] = await api.objects('workflows');
    assert.match(wf!.metadata.name, /^print-/);
    assert.deepEqual(wf!.spec.workflowTemplateRef, { name: 'print' });
    assert.deepEqual(wf!.spec.arguments.parameters, [{ name: 'message', value: 'hi' }]);
    assert.equal(wf!.metadata.labels['workflows.argoproj.io/workflow-template'], 'print');
    const missing = await failureOf(() =>
      run({ operation: 'submit-from', source: { resource: { ...ref, metadata: { name: 'absent' } } } }),
    );
    assert.equal(missing.nonRetryable, true);
    assert.match(missing.message, /read WorkflowTemplate default\/absent: 404/);
  });

  test('submit-from a CronWorkflow runs its workflowSpec, owned by the CronWorkflow', async () => {
    const cron = await api.put({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: 'special-trigger', namespace: 'default' },
      spec: {
        schedule: '* * * * *',
        workflowMetadata: { labels: { from: 'cron' } },
        workflowSpec: { entrypoint: 'main', templates: [{ name: 'main' }] },
      },
    });
    await run({
      operation: 'submit-from',
      source: {
        resource: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'CronWorkflow',
          metadata: { name: 'special-trigger' },
        },
      },
    });
    const [wf] = await api.objects('workflows');
    assert.match(wf!.metadata.name, /^special-trigger-/);
    assert.deepEqual(wf!.spec, { entrypoint: 'main', templates: [{ name: 'main' }] });
    assert.equal(wf!.metadata.labels.from, 'cron');
    assert.equal(wf!.metadata.labels['workflows.argoproj.io/cron-workflow'], 'special-trigger');
    assert.equal(wf!.metadata.ownerReferences[0].uid, cron.metadata.uid);
    const other = await failureOf(() =>
      run({
        operation: 'submit-from',
        source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } },
      }),
    );
    assert.match(other.message, /submit-from needs a WorkflowTemplate or CronWorkflow/);
  });

  test('suspend, terminate and stop patch the Workflow; resume also completes its suspend nodes', async () => {
    await api.put({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'running', namespace: 'default' },
      spec: { entrypoint: 'main' },
      status: {
        nodes: {
          'running-1': {
            type: 'Suspend',
            phase: 'Running',
            outputs: { parameters: [{ name: 'approve', valueFrom: { default: 'yes' } }] },
          },
          'running-2': { type: 'Pod', phase: 'Running' },
        },
      },
    });
    const source = {
      resource: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'running' } },
    };
    const live = async () => (await api.get('workflows', 'default', 'running'))!;
    await run({ operation: 'suspend', source });
    assert.equal((await live()).spec.suspend, true);
    await run({ operation: 'resume', source });
    assert.equal((await live()).spec.suspend, undefined);
    assert.equal((await live()).status.nodes['running-1'].phase, 'Succeeded');
    assert.equal((await live()).status.nodes['running-1'].outputs.parameters[0].value, 'yes');
    assert.equal((await live()).status.nodes['running-2'].phase, 'Running');
    await run({ operation: 'terminate', source });
    assert.equal((await live()).spec.shutdown, 'Terminate');
    await run({ operation: 'stop', source });
    assert.equal((await live()).spec.shutdown, 'Stop');
    const absent = await failureOf(() =>
      run({ operation: 'suspend', source: { resource: { ...source.resource, metadata: { name: 'nope' } } } }),
    );
    assert.equal(absent.nonRetryable, true);
    const nameless = await failureOf(() =>
      run({
        operation: 'suspend',
        source: { resource: { ...source.resource, metadata: { generateName: 'x-' } } },
      }),
    );
    assert.match(nameless.message, /suspend needs metadata\.name/);
  });

  test('resubmit and retry need the Argo Server: a config error, nothing sent to the cluster', async () => {
    for (const op of ['resubmit', 'retry']) {
      const f = await failureOf(() => run({ operation: op, source: { resource: workflow } }));
      assert.equal(f.nonRetryable, true);
      assert.equal(f.message, `argoWorkflow trigger: operation ${op} needs the Argo CLI, not supported`);
    }
    assert.equal((await api.objects('workflows')).length, 0, 'nothing created');
  });

  test('policy.k8s applies to the submitted Workflow', async () => {
    const fire = fireFor(
      argo(
        { operation: 'submit', source: { resource: workflow } },
        {
          policy: {
            k8s: {
              labels: { done: 'yes' },
              backoff: { duration: '5ms', jitter: 0, steps: 2 },
              errorOnBackoffTimeout: true,
            },
          },
        },
      ),
    );
    const f = await failureOf(() => argoWorkflowTrigger(requestFor(fire)));
    assert.match(f.message, /did not get the labels \{"done":"yes"\} after 2 checks/);
  });
});
