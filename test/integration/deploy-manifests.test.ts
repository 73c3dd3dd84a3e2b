// The deployment bundle (config/kubernetes, `kubectl apply -k`) against a real kube-apiserver:
// every object passes server-side apply with dryRun=All (what `kubectl apply --server-side
// --dry-run=server` sends: full validation and admission, nothing stored); the containers run
// commands the CLI has, through the Dockerfile's entry point; and once applied for real, the RBAC
// grants each service account what its code needs and nothing checked beyond it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { buildProgram } from '../../src/cli/program.js';
import {
  kubeApiServerMissing,
  startKubeApiServer,
  type Json,
  type KubeApiServer,
} from '../support/servers/kube-apiserver.js';

const skip = kubeApiServerMissing();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = `${ROOT}config/kubernetes/`;

function bundle(): Json[] {
  const kustomization = parseAllDocuments(
    readFileSync(`${BUNDLE}kustomization.yaml`, 'utf8'),
  )[0]!.toJS() as Json;
  return (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(readFileSync(BUNDLE + file, 'utf8'))
      .map((d) => d.toJS() as Json | null)
      .filter((d): d is Json => d !== null),
  );
}

let kube: KubeApiServer;
let objects: KubernetesObjectApi;

async function serverSideApply(o: Json, dryRun?: 'All'): Promise<void> {
  const { PatchStrategy } = await import('@kubernetes/client-node');
  await objects.patch(
    o as KubernetesObject,
    undefined,
    dryRun,
    'eventide-deploy-test',
    true,
    PatchStrategy.ServerSideApply,
  );
}

describe('deployment manifests on a real kube-apiserver', { skip }, () => {
  before(async () => {
    kube = await startKubeApiServer();
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kube.kubeconfigPath);
    objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  });
  after(async () => {
    await kube?.stop();
  });

  test('every object passes server-side apply with dryRun=All, and nothing is stored', async () => {
    const docs = bundle();
    const kinds = new Set(docs.map((d) => d.kind as string));
    for (const k of [
      'CustomResourceDefinition',
      'Deployment',
      'Service',
      'ClusterRole',
      'Role',
      'ServiceAccount',
    ])
      assert.ok(kinds.has(k), `the bundle has a ${k}`);
    // Namespaced objects are validated against their namespace: it must exist (kubectl applies
    // the Namespace first in the same run).
    const ns = docs.find((d) => d.kind === 'Namespace')!;
    await serverSideApply(ns, 'All');
    await serverSideApply(ns);
    for (const d of docs) {
      if (d.kind === 'Namespace') continue;
      try {
        await serverSideApply(d, 'All');
      } catch (e) {
        const body = (e as { body?: string }).body;
        assert.fail(`${d.kind} ${d.metadata.name} fails dry-run: ${body ?? (e as Error).message}`);
      }
    }
    const stored = await kube.request(
      'GET',
      '/apis/apps/v1/namespaces/eventide/deployments/eventide-worker',
      undefined,
      {
        allow: [404],
      },
    );
    assert.equal(stored.code, 404, 'a dry run stores nothing');
  });

  test('containers run CLI commands through the Dockerfile’s entry point', () => {
    const commands = new Set(buildProgram().commands.map((c) => c.name()));
    const dockerfile = readFileSync(`${ROOT}config/kubernetes/Dockerfile`, 'utf8');
    assert.match(dockerfile, /^ENTRYPOINT \["node", "\/app\/src\/cli\/bin\.mjs"\]$/m);
    const deployments = bundle().filter((d) => d.kind === 'Deployment');
    assert.equal(deployments.length, 3);
    for (const d of deployments) {
      const [c] = d.spec.template.spec.containers as Json[];
      assert.ok(
        commands.has(c!.args[0]),
        `${d.metadata.name} runs \`eventide ${c!.args[0]}\`, a CLI command`,
      );
    }
  });

  test('RBAC: each service account can do what its code does, and not more', async () => {
    for (const d of bundle().filter((x) =>
      /^(ServiceAccount|ClusterRole|ClusterRoleBinding|Role|RoleBinding)$/.test(x.kind),
    ))
      await serverSideApply(d);
    const can = async (sa: string, attrs: Json) => {
      const r = await kube.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: { user: `system:serviceaccount:eventide:${sa}`, resourceAttributes: attrs },
      });
      return r.status.allowed === true;
    };
    const argo = (resource: string, verb: string, extra: Json = {}) => ({
      group: 'argoproj.io',
      resource,
      verb,
      namespace: 'team-a',
      ...extra,
    });
    assert.ok(await can('eventide-controller', argo('sensors', 'watch')));
    assert.ok(await can('eventide-controller', argo('eventsources', 'list')));
    assert.ok(await can('eventide-controller', argo('sensors', 'patch', { subresource: 'status' })));
    assert.equal(
      await can('eventide-controller', argo('sensors', 'update')),
      false,
      'the spec is the user’s',
    );
    assert.equal(await can('eventide-controller', argo('sensors', 'delete')), false);
    assert.equal(
      await can('eventide-controller', { resource: 'secrets', verb: 'list', namespace: 'eventide' }),
      false,
    );

    assert.ok(await can('eventide-worker', argo('workflows', 'create')));
    assert.ok(await can('eventide-worker', argo('workflowtemplates', 'get')));
    assert.ok(await can('eventide-worker', { resource: 'configmaps', verb: 'watch', namespace: 'team-a' }));
    assert.ok(await can('eventide-worker', { resource: 'secrets', verb: 'list', namespace: 'eventide' }));
    assert.equal(
      await can('eventide-worker', { resource: 'secrets', verb: 'list', namespace: 'team-a' }),
      false,
    );
    assert.equal(await can('eventide-worker', argo('sensors', 'list')), false);
    assert.equal(await can('eventide-ingress', argo('workflows', 'create')), false);
  });
});
