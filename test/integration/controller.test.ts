// `eventide controller` against a real kube-apiserver: Argo's own webhook EventSource and Sensor
// (../shared/argo-examples), applied with @kubernetes/client-node's server-side apply as
// `kubectl apply --server-side` does, run in Eventide; a webhook event then creates a real
// Workflow object (a test CRD) whose argument is the event's body; an update of the Sensor object
// is followed; an invalid Sensor gets a Deployed=False condition naming the field; deleting the
// Sensor object stops its workflow; a restarted controller re-creates nothing and removes what
// was deleted while it was down.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KubeConfig, KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { IDEMPOTENCY_LABEL } from '../../activities/kubernetes/create-once.js';
import { listResources } from '../../src/control/resources.js';
import { startController, type RunningController } from '../../src/controller/controller.js';
import type { ObjectRef } from '../../src/controller/controller-objects.js';
import type { Outcome } from '../../src/controller/reconciler.js';
import { kubeWatcher } from '../../src/kubernetes/kube-watch.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { freePort } from '../../src/temporal/dev-server.js';
import { sensorWorkflowId } from '../../src/vocabulary/sensor-api.js';
import { startTestEventide } from '../support/eventide.js';
import { eventideCrds, workflowCrd } from '../support/kubernetes/test-crds.js';
import {
  kubeApiServerMissing,
  startKubeApiServer,
  type Json,
  type KubeApiServer,
} from '../support/servers/kube-apiserver.js';
import { waitFor } from '../support/wait-for.js';

const EXAMPLES = new URL('../../../shared/argo-examples/', import.meta.url);
const examplesMissing = existsSync(EXAMPLES)
  ? undefined
  : '../shared/argo-examples is absent: the controller test applies Argo’s own webhook example';
const skip = kubeApiServerMissing() ?? examplesMissing;

const example = (path: string): Json => parse(readFileSync(new URL(path, EXAMPLES), 'utf8')) as Json;
const ARGO = '/apis/argoproj.io/v1alpha1/namespaces/default';

let kube: KubeApiServer;
let e: RunningEventide;
let objects: KubernetesObjectApi;
let controller: RunningController;
let port: number;
const outcomes: { ref: ObjectRef; outcome: Outcome }[] = [];
const savedKubeconfig = process.env.KUBECONFIG;

async function run(): Promise<RunningController> {
  const c = startController({
    temporal: e.client,
    taskQueue: e.taskQueue,
    watcher: await kubeWatcher(),
    namespace: 'default',
    log: () => undefined,
    onOutcome: (ref, outcome) => outcomes.push({ ref, outcome }),
  });
  await c.synced;
  return c;
}

/** `kubectl apply --server-side`: create or update, owned by this field manager. */
async function apply(o: Json): Promise<void> {
  const { PatchStrategy } = await import('@kubernetes/client-node');
  await objects.patch(
    { metadata: { namespace: 'default' }, ...o } as KubernetesObject,
    undefined,
    undefined,
    'kubectl',
    true,
    PatchStrategy.ServerSideApply,
  );
}

const deployed = async (plural: string, name: string) => {
  const o = await kube.request('GET', `${ARGO}/${plural}/${name}`);
  const c = (o.status?.conditions as Json[] | undefined)?.find((x) => x.type === 'Deployed');
  return c && o.status.observedGeneration === o.metadata.generation ? c : undefined;
};

const running = async (name: string) => {
  try {
    return (await e.client.workflow.getHandle(sensorWorkflowId('default', name)).describe()).status.name;
  } catch {
    return 'NOT_FOUND';
  }
};

const send = (body: unknown) =>
  fetch(`http://127.0.0.1:${port}/example`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const workflows = () => kube.list(`${ARGO}/workflows`);

function webhookSource(): Json {
  const es = example('event-sources/webhook.yaml');
  // The example's fixed port 12000 may be taken on a shared machine: a free one instead.
  es.spec.webhook.example.port = String(port);
  return es;
}

describe('eventide controller on a real kube-apiserver', { skip }, () => {
  before(async () => {
    kube = await startKubeApiServer();
    await kube.installCrds([...eventideCrds(), workflowCrd]);
    process.env.KUBECONFIG = kube.kubeconfigPath; // the worker's k8s trigger and the controller
    port = await freePort();
    e = await startTestEventide();
    const k8s = await import('@kubernetes/client-node');
    const kc: KubeConfig = new k8s.KubeConfig();
    kc.loadFromFile(kube.kubeconfigPath);
    objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    controller = await run();
  });

  after(async () => {
    await controller?.stop();
    await e?.stop();
    await kube?.stop();
    process.env.KUBECONFIG = savedKubeconfig;
  });

  test('Argo’s webhook example, applied as objects, runs: an event creates a Workflow from its body', async () => {
    await apply(webhookSource());
    await apply(example('sensors/webhook.yaml'));
    const es = await waitFor(() => deployed('eventsources', 'webhook'), { what: 'EventSource status' });
    const sn = await waitFor(() => deployed('sensors', 'webhook'), { what: 'Sensor status' });
    assert.equal(es.status, 'True', es.message);
    assert.equal(sn.status, 'True', sn.message);
    assert.equal(sn.reason, 'Created');
    assert.equal(await running('webhook'), 'RUNNING');
    // The ingress picks up the new EventSource's port on its next refresh.
    await waitFor(
      async () => (await send({ message: 'from the cluster' }).catch(() => undefined))?.status === 200,
      {
        what: 'the webhook endpoint to accept the event',
      },
    );
    const [wf] = await waitFor(
      async () => {
        const w = await workflows();
        return w.length > 0 && w;
      },
      { what: 'a Workflow object' },
    );
    assert.deepEqual(wf!.spec.arguments.parameters[0].value, JSON.stringify({ message: 'from the cluster' }));
    assert.match(wf!.metadata.name as string, /^webhook-/);
    assert.match(wf!.metadata.labels[IDEMPOTENCY_LABEL], /^[0-9a-f]{32}$/, 'created once per fire');
    assert.equal(wf!.metadata.labels['events.argoproj.io/sensor'], 'webhook');
  });

  test('an update of the Sensor object is followed', async () => {
    const s = example('sensors/webhook.yaml');
    s.spec.triggers[0].template.k8s.parameters[0].src.dataKey = 'body.message';
    await apply(s);
    const sn = await waitFor(
      async () => {
        const c = await deployed('sensors', 'webhook');
        return c?.reason === 'Updated' && c;
      },
      { what: 'the Sensor’s Updated status' },
    );
    assert.equal(sn.status, 'True');
    const before = (await workflows()).length;
    assert.equal((await send({ message: 'after the update' })).status, 200);
    const newest = await waitFor(
      async () => {
        const w = await workflows();
        return (
          w.length > before && w.find((x) => x.spec.arguments.parameters[0].value === 'after the update')
        );
      },
      { what: 'a Workflow with the updated parameter' },
    );
    assert.ok(newest);
  });

  test('an invalid Sensor gets a Deployed=False condition naming the field; nothing crashes', async () => {
    const bad = example('sensors/webhook.yaml');
    bad.metadata.name = 'broken';
    bad.spec.triggers[0].template.k8s.operation = 'explode';
    await apply(bad);
    const c = await waitFor(() => deployed('sensors', 'broken'), { what: 'the invalid Sensor’s status' });
    assert.equal(c.status, 'False');
    assert.equal(c.reason, 'InvalidSpec');
    assert.match(c.message as string, /spec\.triggers\[0\]\.template\.k8s\.operation/);
    assert.equal(await running('broken'), 'NOT_FOUND');
    // The controller still serves: the good Sensor is untouched and still runs.
    assert.equal(await running('webhook'), 'RUNNING');
  });

  test('a restarted controller re-creates nothing, and removes what was deleted while it was down', async () => {
    await controller.stop();
    const from = outcomes.length;
    // Deleted while no controller runs: the resync must notice.
    await kube.request('DELETE', `${ARGO}/eventsources/webhook`);
    controller = await run();
    await waitFor(
      () => outcomes.slice(from).some((o) => o.ref.kind === 'EventSource' && o.outcome === 'deleted'),
      {
        what: 'the resync to delete the EventSource',
      },
    );
    const sensorOutcomes = outcomes.slice(from).filter((o) => o.ref.kind === 'Sensor');
    assert.deepEqual(sensorOutcomes.map((o) => `${o.ref.name} ${o.outcome}`).sort(), [
      'broken unchanged',
      'webhook unchanged',
    ]);
    assert.equal(await running('webhook'), 'RUNNING');
  });

  test('deleting the Sensor object stops its workflow', async () => {
    await objects.delete({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Sensor',
      metadata: { name: 'webhook', namespace: 'default' },
    });
    await waitFor(async () => (await running('webhook')) !== 'RUNNING', {
      what: 'the Sensor workflow to stop',
    });
    await waitFor(
      async () => (await listResources(e.client, 'Sensor', 'default')).every((r) => r.name !== 'webhook'),
      {
        what: 'the Sensor to leave `eventide get sensors`',
      },
    );
  });
});
