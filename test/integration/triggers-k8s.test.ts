// Webhook → Sensor workflow → k8s trigger → a Workflow in a fake Kubernetes API, on a real
// Temporal dev server: the object is created once even when the first attempt's answer is lost
// and Temporal retries the activity. The fake stays because a real API server cannot be made to
// drop an answer after creating the object; the same path against a real kube-apiserver (Argo's
// webhook example applied as objects, a real Workflow created) is test/integration/controller.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../../src/temporal/dev-server.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { IDEMPOTENCY_LABEL } from '../../activities/kubernetes/create-once.js';
import { startFakeK8sApi, type FakeK8sApi } from '../support/fakes/k8s-api-server.js';
import { helloWorkflow } from '../support/fakes/k8s-workflow-fixture.js';
import {
  sensor,
  sensorDecisions,
  startTestEventide,
  validManifests,
  webhookEventSource,
} from '../support/eventide.js';
import { sleep, waitFor } from '../support/wait-for.js';

const workflow = helloWorkflow('webhook-');

describe('k8s trigger end to end', () => {
  let e: RunningEventide;
  let api: FakeK8sApi;
  let port: number;
  const saved = process.env.KUBECONFIG;

  before(async () => {
    api = await startFakeK8sApi();
    // The worker runs in this process and finds the cluster the way it would in production.
    process.env.KUBECONFIG = api.kubeconfigPath;
    port = await freePort();
    e = await startTestEventide({
      manifests: validManifests(
        webhookEventSource('webhook', {
          example: { port: String(port), endpoint: '/example', method: 'POST' },
        }),
        sensor('webhook', {
          dependencies: [{ name: 'test-dep', eventSourceName: 'webhook', eventName: 'example' }],
          triggers: [
            {
              template: {
                name: 'webhook-workflow-trigger',
                k8s: {
                  operation: 'create',
                  source: { resource: workflow },
                  parameters: [
                    {
                      src: { dependencyName: 'test-dep', dataKey: 'body.message' },
                      dest: 'spec.arguments.parameters.0.value',
                    },
                  ],
                },
              },
              retryStrategy: { steps: 3, duration: '200ms' },
            },
          ],
        }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await api?.close();
    process.env.KUBECONFIG = saved;
  });

  const send = (message: string) =>
    fetch(`http://127.0.0.1:${port}/example`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    });

  const results = async () => (await sensorDecisions(e, 'webhook')).filter((d) => d.kind === 'result');

  test('a webhook event creates one Workflow with the event’s message as its argument', async () => {
    assert.equal((await send('hello from the webhook')).status, 200);
    const [result] = await waitFor(async () => ((await results()).length === 1 ? results() : undefined), {
      what: 'the trigger result',
    });
    assert.equal(result?.kind === 'result' && result.outcome, 'succeeded');
    const wfs = api.objects('workflows', 'default');
    assert.equal(wfs.length, 1);
    assert.equal(wfs[0]!.spec.arguments.parameters[0].value, 'hello from the webhook');
    assert.match(wfs[0]!.metadata.labels[IDEMPOTENCY_LABEL], /^[0-9a-f]{32}$/);
    assert.equal(wfs[0]!.metadata.labels['events.argoproj.io/sensor'], 'webhook');
  });

  test('when the create succeeds but its answer is lost, the retried activity does not create twice', async () => {
    api.loseNextAnswer('POST');
    assert.equal((await send('lost answer')).status, 200);
    const done = await waitFor(
      async () => {
        const r = await results();
        return r.length === 2 ? r[1] : undefined;
      },
      { what: 'the second trigger result' },
    );
    assert.ok(done?.kind === 'result' && done.outcome === 'succeeded');
    assert.equal(done.attempts, 2, 'the first attempt lost its answer');
    await sleep(300);
    const lost = api
      .objects('workflows')
      .filter((w) => w.spec.arguments.parameters[0].value === 'lost answer');
    assert.equal(lost.length, 1);
    assert.equal(api.requests.filter((r) => r.method === 'POST').length, 2, 'one create per event');
  });
});
