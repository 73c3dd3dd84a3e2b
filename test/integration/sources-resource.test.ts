// The `resource` EventSource against a real kube-apiserver (etcd + v1.32.13): ConfigMap ADD /
// UPDATE / DELETE reach a Sensor through its label, prefix, fields and afterStart filters; a
// worker killed while idle is replaced and the new listener resumes from the checkpointed
// resourceVersion (what changed meanwhile arrives once, with the UPDATE's old body; nothing
// earlier is reported again); and when etcd has compacted that version away (410 Gone) the
// listener relists and reports the difference. The worker runs in a child process so it can be
// killed; the Sensor's http trigger posts each event to a capture server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { sleep, waitFor } from '../support/wait-for.js';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.js';
import {
  kubeApiServerMissing,
  startKubeApiServer,
  type KubeApiServer,
} from '../support/servers/kube-apiserver.js';

const skip = kubeApiServerMissing();
const NS = 'watched';
const CMS = `/api/v1/namespaces/${NS}/configmaps`;
const LABEL = { app: 'eventide-test' };

let kube: KubeApiServer;
let capture: CaptureServer;
let e: RunningEventide;
const workers: WorkerProcess[] = [];

interface Seen {
  dep: string;
  id: string;
  type: string;
  name: string;
  v: string;
  old: string;
}
const seen = (dep: string): Seen[] =>
  capture.requests
    .map((r) => ({ dep: r.url.slice(1), ...(JSON.parse(r.body) as Omit<Seen, 'dep'>) }))
    .filter((s) => s.dep === dep);
/** "TYPE name v(old)" per event, sorted: triggers may post in any order. */
const summary = (dep: string, from = 0) =>
  seen(dep)
    .slice(from)
    .map((s) => `${s.type} ${s.name} ${s.v}${s.old ? `(${s.old})` : ''}`)
    .sort();

function eventSource() {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'configmaps' },
    spec: {
      resource: {
        labelled: {
          namespace: NS,
          version: 'v1',
          resource: 'configmaps',
          eventTypes: ['ADD', 'UPDATE', 'DELETE'],
          filter: { prefix: 'cm-', labels: [{ key: 'app', value: 'eventide-test' }] },
        },
        fresh: {
          namespace: NS,
          version: 'v1',
          resource: 'configmaps',
          eventTypes: ['ADD'],
          filter: {
            afterStart: true,
            fields: [{ key: 'metadata.name', operation: '!=', value: 'skip' }],
          },
          metadata: { team: 'ops' },
        },
      },
    },
  };
}

const trigger = (dep: string) => ({
  template: {
    name: dep,
    conditions: dep,
    http: {
      url: `${capture.url}/${dep}`,
      method: 'POST',
      payload: [
        { src: { dependencyName: dep, contextKey: 'id' }, dest: 'id' },
        { src: { dependencyName: dep, dataKey: 'type' }, dest: 'type' },
        { src: { dependencyName: dep, dataKey: 'body.metadata.name' }, dest: 'name' },
        { src: { dependencyName: dep, dataKey: 'body.data.v', value: '' }, dest: 'v' },
        { src: { dependencyName: dep, dataKey: 'oldBody.data.v', value: '' }, dest: 'old' },
      ],
    },
  },
});

async function configMap(name: string, v: string, labels: Record<string, string> = LABEL) {
  await kube.request('POST', CMS, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels },
    data: { v },
  });
}
const setValue = (name: string, v: string) =>
  kube.request('PATCH', `${CMS}/${name}`, { data: { v } }, { contentType: 'application/merge-patch+json' });
const remove = (name: string) => kube.request('DELETE', `${CMS}/${name}`);

function startWorker(extra: Record<string, string> = {}): WorkerProcess {
  const w = startWorkerProcess(e.address, {
    KUBECONFIG: kube.kubeconfigPath,
    EVENTIDE_WORKER_LOG_LEVEL: 'WARN',
    ...extra,
  });
  workers.push(w);
  return w;
}

/**
 * Lets the listener's last checkpoint reach Temporal before a kill. The SDK throttles heartbeats
 * to 80% of the 5 s heartbeat timeout; a kill inside that window restarts from an older
 * checkpoint (replayed changes keep their ids and are deduped, except after a compaction: see
 * the README's resource row).
 */
const checkpointed = () => sleep(4500);

const waitForCount = (dep: string, n: number, what: string) =>
  waitFor(() => seen(dep).length >= n, {
    what: `${what} (${dep} has ${seen(dep).length}/${n})`,
    timeoutMs: 30_000,
  });

describe('resource EventSource on a real kube-apiserver', { skip }, () => {
  before(async () => {
    [kube, capture] = await Promise.all([startKubeApiServer(), startCaptureServer()]);
    await kube.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NS },
    });
    // Exist before the listener starts: an ADD for `labelled` (its initial list), not for `fresh`.
    await configMap('cm-old', '0');
    await configMap('cm-unlabelled-old', '0', {});
    // afterStart compares at second precision: the listener must start in a later second.
    await sleep(1100);
    e = await startTestEventide({ worker: false, ingress: false });
    const { applyResource } = await import('../../src/control/resources.js');
    for (const m of validManifests(
      eventSource(),
      sensor('configmap-watch', {
        dependencies: ['labelled', 'fresh'].map((d) => ({
          name: d,
          eventSourceName: 'configmaps',
          eventName: d,
        })),
        triggers: [trigger('labelled'), trigger('fresh')],
      }),
    ))
      await applyResource(e.client, m, { taskQueue: e.taskQueue });
    await startWorker().ready;
  });

  after(async () => {
    for (const w of workers) await w.kill();
    await e?.stop();
    await capture?.close();
    await kube?.stop();
  });

  test('ADD, UPDATE and DELETE pass the label, prefix, fields and afterStart filters', async () => {
    await waitForCount('labelled', 1, 'the initial list’s ADD of cm-old');
    await configMap('cm-a', '1');
    await configMap('other-a', '1'); // labelled, but not the prefix
    await configMap('cm-nolabel', '1', {});
    await configMap('cm-skip', '1', {}); // the fields filter drops it from `fresh`
    await setValue('cm-a', '2');
    await remove('cm-a');
    await configMap('cm-last', '1');
    await waitForCount('labelled', 5, 'cm-a’s three changes and cm-last');
    await waitForCount('fresh', 4, 'the ADDs after start');
    await sleep(500); // anything filtered wrongly would have been posted alongside
    assert.deepEqual(summary('labelled'), [
      'ADD cm-a 1',
      'ADD cm-last 1',
      'ADD cm-old 0',
      'DELETE cm-a 2',
      'UPDATE cm-a 2(1)',
    ]);
    assert.deepEqual(summary('fresh'), ['ADD cm-a 1', 'ADD cm-last 1', 'ADD cm-nolabel 1', 'ADD other-a 1']);
  });

  test('a replaced worker resumes from the checkpoint: changes made meanwhile arrive once', async () => {
    const before = seen('labelled').length;
    await configMap('cm-c', '1');
    await waitForCount('labelled', before + 1, 'the ADD of cm-c');
    await checkpointed();
    await workers.at(-1)!.kill('SIGKILL');
    await configMap('cm-b', '1');
    await setValue('cm-c', '2');
    await remove('cm-old');
    await startWorker().ready;
    await waitForCount('labelled', before + 4, 'the three changes made while no worker ran');
    await sleep(500);
    assert.deepEqual(summary('labelled', before), [
      'ADD cm-b 1',
      'ADD cm-c 1',
      'DELETE cm-old 0',
      'UPDATE cm-c 2(1)',
    ]);
    const ids = seen('labelled').map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'no change reported twice');
  });

  test('a checkpoint etcd has compacted away (410 Gone) relists and reports the difference', async () => {
    const before = seen('labelled').length;
    await checkpointed();
    await workers.at(-1)!.kill('SIGKILL');
    await configMap('cm-d', '1');
    await setValue('cm-b', '2');
    await remove('cm-c');
    await kube.compactEtcd();
    const w = startWorker();
    await w.ready;
    await waitForCount('labelled', before + 3, 'the relist’s difference');
    await sleep(500);
    // A relist after a restart knows only the identity and version of what it had seen (the
    // checkpoint's `known`): the UPDATE has no old body and the DELETE carries metadata only.
    assert.deepEqual(summary('labelled', before), ['ADD cm-d 1', 'DELETE cm-c ', 'UPDATE cm-b 2']);
    assert.ok(
      w.output.some((l) => l.includes('is compacted; relisting')),
      `the listener saw 410 Gone:\n${w.output.join('\n')}`,
    );
    const ids = seen('labelled').map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'no change reported twice');
  });
});
