// What `argo suspend|resume|terminate|stop` change on a Workflow, as merge patches Eventide
// sends to the Kubernetes API itself (Argo runs the CLI). Resume also completes the running
// suspend nodes, which is how the Argo controller learns that a suspend template may proceed.
import { isPlainObject, type KubeObject } from '../../../src/kubernetes/kube-object.js';

export const WORKFLOW_CHANGES = {
  suspend: () => ({ spec: { suspend: true } }),
  terminate: () => ({ spec: { shutdown: 'Terminate' } }),
  stop: () => ({ spec: { shutdown: 'Stop' } }),
} as const;

interface OutputParameter {
  value?: unknown;
  valueFrom?: { default?: unknown };
  [k: string]: unknown;
}

/** The patch that resumes a Workflow as it is now; `now` is RFC 3339. */
export function resumePatch(wf: KubeObject, now: string): Record<string, unknown> {
  const patch: Record<string, unknown> = { spec: { suspend: null } };
  const nodes = isPlainObject(wf.status) && isPlainObject(wf.status.nodes) ? wf.status.nodes : {};
  const done: Record<string, unknown> = {};
  for (const [id, node] of Object.entries(nodes)) {
    if (!isPlainObject(node) || node.type !== 'Suspend' || node.phase !== 'Running') continue;
    const change: Record<string, unknown> = { phase: 'Succeeded', finishedAt: now };
    // A suspend node's output parameters without a supplied value take their default.
    const outputs = isPlainObject(node.outputs) ? node.outputs : undefined;
    if (outputs && Array.isArray(outputs.parameters)) {
      const params = (outputs.parameters as OutputParameter[]).map((p) =>
        p && p.value === undefined && p.valueFrom?.default !== undefined
          ? { ...p, value: p.valueFrom.default }
          : p,
      );
      change.outputs = { ...outputs, parameters: params };
    }
    done[id] = change;
  }
  if (Object.keys(done).length > 0) patch.status = { nodes: done };
  return patch;
}

/** The Workflow `argo submit --from cronwf/NAME` creates from a CronWorkflow. */
export function workflowFromCronWorkflow(cron: KubeObject, now: string): KubeObject {
  const spec = isPlainObject(cron.spec) ? cron.spec : {};
  const wfMeta = isPlainObject(spec.workflowMetadata) ? spec.workflowMetadata : {};
  const name = cron.metadata?.name ?? '';
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      generateName: `${name}-`,
      labels: {
        ...(isPlainObject(wfMeta.labels) ? (wfMeta.labels as Record<string, string>) : {}),
        'workflows.argoproj.io/cron-workflow': name,
      },
      annotations: {
        ...(isPlainObject(wfMeta.annotations) ? (wfMeta.annotations as Record<string, string>) : {}),
        'workflows.argoproj.io/scheduled-time': now,
      },
      ownerReferences: [
        {
          apiVersion: cron.apiVersion ?? 'argoproj.io/v1alpha1',
          kind: 'CronWorkflow',
          name,
          uid: cron.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: structuredClone(isPlainObject(spec.workflowSpec) ? spec.workflowSpec : {}),
  };
}

/** The Workflow `argo submit --from workflowtemplate/NAME` creates. */
export function workflowFromTemplate(templateName: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      generateName: `${templateName}-`,
      labels: { 'workflows.argoproj.io/workflow-template': templateName },
    },
    spec: { workflowTemplateRef: { name: templateName } },
  };
}
