// CRDs the real-API-server tests install: Eventide's own EventSource and Sensor CRDs (the files
// users apply, config/kubernetes/crds) and a `workflows.argoproj.io` CRD written for the tests, so
// the k8s and argoWorkflow triggers act on real Workflow objects (no Argo Workflows controller
// runs: nothing executes them; the tests look at the objects).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Json } from '../servers/kube-apiserver.js';

const CRD_DIR = fileURLToPath(new URL('../../../config/kubernetes/crds/', import.meta.url));

export function eventideCrds(): Json[] {
  return ['eventsources.yaml', 'sensors.yaml'].map((f) => parse(readFileSync(CRD_DIR + f, 'utf8')) as Json);
}

const anyObject = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** An Argo Workflows kind, schema-less (spec and status kept as written, no status subresource, as Argo's own). */
function argoCrd(kind: string, plural: string, shortName: string): Json {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.argoproj.io` },
    spec: {
      group: 'argoproj.io',
      scope: 'Namespaced',
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), shortNames: [shortName] },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                apiVersion: { type: 'string' },
                kind: { type: 'string' },
                metadata: { type: 'object' },
                spec: anyObject,
                status: anyObject,
              },
            },
          },
        },
      ],
    },
  };
}

export const workflowCrd = argoCrd('Workflow', 'workflows', 'wf');

/** Workflow, WorkflowTemplate and CronWorkflow: what the argoWorkflow trigger reads and writes. */
export const argoWorkflowsCrds: Json[] = [
  workflowCrd,
  argoCrd('WorkflowTemplate', 'workflowtemplates', 'wftmpl'),
  argoCrd('CronWorkflow', 'cronworkflows', 'cwf'),
];
