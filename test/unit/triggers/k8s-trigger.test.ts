// The k8s trigger where only a fake Kubernetes API can show the case: an answer lost after the
// server created the object, and an injected 500 (a real API server cannot be made to do either
// on demand), plus no cluster configured at all. Every other operation, namespaces, a real 403 and
// policy.k8s run against a real kube-apiserver in test/integration/triggers-k8s-operations.test.ts.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { k8sTrigger } from '../../../activities/triggers/k8s/execute.js';
import { startFakeK8sApi, type FakeK8sApi } from '../../support/fakes/k8s-api-server.js';
import { helloWorkflow } from '../../support/fakes/k8s-workflow-fixture.js';
import { failureOf, fireFor, requestFor } from './trigger-fixtures.js';

const workflow = helloWorkflow('webhook-');

function k8s(spec: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { template: { name: 'wf-trigger', k8s: spec }, ...extra };
}

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

  test('a 500 from the API server is retried (not a permanent failure)', async () => {
    api.failNext(1, 500, 'POST');
    const flaky = await failureOf(() =>
      k8sTrigger(requestFor(fireFor(k8s({ source: { resource: workflow } })))),
    );
    assert.equal(flaky.nonRetryable, false);
    assert.equal(api.objects('workflows').length, 0);
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
