// The `argoWorkflow` trigger. Argo runs the `argo` CLI; Eventide talks to the Kubernetes API:
// submit creates the Workflow (at most once per fire, like the k8s trigger), submit-from
// creates one from a WorkflowTemplate or CronWorkflow, suspend/resume/terminate/stop patch an
// existing Workflow. resubmit and retry rebuild a Workflow's state inside the Argo Server, so
// they are not supported.
import { formatArgoTime } from '../../../src/engine/cloudevent.js';
import type { TriggerImpl, TriggerRequest } from '../../trigger-context.js';
import { triggerConfigError } from '../../trigger-errors.js';
import { triggerResource, type ResourceTriggerSpec } from '../../artifacts/trigger-resource.js';
import { createOnce } from '../../kubernetes/create-once.js';
import {
  addLabels,
  describeObject,
  metadataOf,
  type KubeObject,
} from '../../../src/kubernetes/kube-object.js';
import { applyLabelsPolicy } from '../../kubernetes/resource-labels-policy.js';
import { connectedClient, kubeStep, type ResourceTarget } from '../../kubernetes/resource-target.js';
import { sensorLabels } from '../../kubernetes/sensor-labels.js';
import { applySubmitArgs, parseSubmitArgs } from './argo-workflow-args.js';
import {
  WORKFLOW_CHANGES,
  resumePatch,
  workflowFromCronWorkflow,
  workflowFromTemplate,
} from './argo-workflow-changes.js';

interface ArgoWorkflowSpec extends ResourceTriggerSpec {
  operation?: string;
  args?: string[];
}

const LABEL = 'argoWorkflow trigger';
const ARGO_API = 'argoproj.io/v1alpha1';
const NEEDS_ARGO_SERVER = new Set(['resubmit', 'retry']);
const KNOWN = new Set([
  'submit',
  'submit-from',
  'suspend',
  'resume',
  'terminate',
  'stop',
  ...NEEDS_ARGO_SERVER,
]);

async function argoTarget(req: TriggerRequest, kind: string, namespace: string): Promise<ResourceTarget> {
  const client = await connectedClient(LABEL, req.attempt);
  const info = await kubeStep(
    `${LABEL}: looking up ${ARGO_API} ${kind} (is Argo Workflows installed?)`,
    req.attempt,
    () => client.resourceFor(ARGO_API, kind),
  );
  return { client, info, namespace };
}

/** The Workflow that submit-from creates, from the source's WorkflowTemplate or CronWorkflow. */
async function workflowFrom(req: TriggerRequest, source: KubeObject, namespace: string): Promise<KubeObject> {
  const name = source.metadata?.name ?? '';
  const kind = String(source.kind ?? '').toLowerCase();
  if (kind !== 'workflowtemplate' && kind !== 'cronworkflow') {
    throw triggerConfigError(
      `${LABEL}: submit-from needs a WorkflowTemplate or CronWorkflow as source, got kind ${JSON.stringify(source.kind ?? '')}`,
      req.attempt,
    );
  }
  const realKind = kind === 'cronworkflow' ? 'CronWorkflow' : 'WorkflowTemplate';
  const t = await argoTarget(req, realKind, namespace);
  const from = await kubeStep(`${LABEL}: read ${realKind} ${namespace}/${name}`, req.attempt, () =>
    t.client.get(t.info, namespace, name),
  );
  const now = formatArgoTime(Date.now());
  return kind === 'cronworkflow' ? workflowFromCronWorkflow(from, now) : workflowFromTemplate(name);
}

export const argoWorkflowTrigger: TriggerImpl = async (req) => {
  const { attempt } = req;
  const spec = (req.fire.template.argoWorkflow ?? {}) as ArgoWorkflowSpec;
  const op = spec.operation || 'submit';
  if (!KNOWN.has(op)) throw triggerConfigError(`${LABEL}: unknown operation ${JSON.stringify(op)}`, attempt);
  if (NEEDS_ARGO_SERVER.has(op)) {
    throw triggerConfigError(`${LABEL}: operation ${op} needs the Argo CLI, not supported`, attempt);
  }
  const source = await triggerResource(req, spec, LABEL);
  const meta = metadataOf(source);
  if (!meta.name) {
    if (op !== 'submit')
      throw triggerConfigError(`${LABEL}: ${op} needs metadata.name in the resource`, attempt);
    if (!meta.generateName)
      throw triggerConfigError(
        `${LABEL}: the Workflow needs metadata.name or metadata.generateName`,
        attempt,
      );
  }
  const namespace = meta.namespace || req.sensor.namespace;
  const args = parseSubmitArgs(Array.isArray(spec.args) ? spec.args : []);
  const summary: Record<string, unknown> = { operation: op, namespace };
  if (args.ignored.length > 0) summary.ignoredArgs = args.ignored;

  const t = await argoTarget(req, 'Workflow', namespace);
  let result: KubeObject;
  if (op === 'submit' || op === 'submit-from') {
    let wf: KubeObject;
    if (op === 'submit') {
      if (source.kind !== undefined && source.kind !== 'Workflow') {
        throw triggerConfigError(
          `${LABEL}: submit creates a Workflow, the source is a ${String(source.kind)} (use submit-from)`,
          attempt,
        );
      }
      wf = { ...source, apiVersion: source.apiVersion ?? ARGO_API, kind: 'Workflow' };
      addLabels(wf, sensorLabels(req.sensor.name, req.fire.trigger, Date.now()));
    } else {
      wf = await workflowFrom(req, source, namespace);
    }
    metadataOf(wf).namespace = namespace;
    applySubmitArgs(wf, args);
    const created = await kubeStep(`${LABEL}: submit ${describeObject(wf)}`, attempt, () =>
      createOnce(t.client, t.info, namespace, wf, req.fire.idempotencyKey),
    );
    result = created.object;
    summary.created = created.created;
  } else {
    const name = meta.name!;
    const what = `${LABEL}: ${op} Workflow ${namespace}/${name}`;
    let patch: Record<string, unknown>;
    if (op === 'resume') {
      const wf = await kubeStep(what, attempt, () => t.client.get(t.info, namespace, name));
      patch = resumePatch(wf, formatArgoTime(Date.now()));
    } else {
      patch = WORKFLOW_CHANGES[op as keyof typeof WORKFLOW_CHANGES]();
    }
    result = await kubeStep(what, attempt, () =>
      t.client.patch(t.info, namespace, name, patch, 'application/merge-patch+json'),
    );
  }
  summary.name = result.metadata?.name;
  summary.uid = result.metadata?.uid;
  const policy = await applyLabelsPolicy(req, t, result, LABEL);
  if (policy) summary.policy = policy;
  return summary;
};
