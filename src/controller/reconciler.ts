// One EventSource or Sensor object brought into Eventide the way `eventide apply` / `eventide
// delete` do it (the same applyResource / deleteResource), with the outcome written to the
// object's status subresource. An invalid object gets a Deployed=False condition with the
// problems `eventide validate` would print, and its previous version (if any) keeps running, as
// `eventide apply` leaves it. An object whose status already records this generation is left
// alone when its workflow runs, so a restarted controller re-creates nothing.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { applyResource, deleteResource, ResourceNotFoundError } from '../control/resources.js';
import type { KubeClient } from '../kubernetes/kube-client.js';
import type { KubeObject } from '../kubernetes/kube-object.js';
import { sensorWorkflowId } from '../vocabulary/sensor-api.js';
import { eventSourceWorkflowId } from '../vocabulary/eventsource-api.js';
import {
  checkObject,
  CONTROLLED_KINDS,
  deployedCondition,
  generationOf,
  refOf,
  statusOf,
  type Condition,
  type ObjectRef,
} from './controller-objects.js';

export interface ReconcilerDeps {
  temporal: Client;
  taskQueue: string;
  kube: KubeClient;
  log: (message: string) => void;
}

export type Outcome = 'applied' | 'invalid' | 'unchanged' | 'deleted';

const workflowIdOf = (r: ObjectRef) =>
  r.kind === 'Sensor' ? sensorWorkflowId(r.namespace, r.name) : eventSourceWorkflowId(r.namespace, r.name);

async function isRunning(temporal: Client, r: ObjectRef): Promise<boolean> {
  try {
    return (await temporal.workflow.getHandle(workflowIdOf(r)).describe()).status.name === 'RUNNING';
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return false;
    throw e;
  }
}

function statusPath(r: ObjectRef): string {
  const plural = CONTROLLED_KINDS.find((k) => k.kind === r.kind)!.plural;
  return `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(r.namespace)}/${plural}/${encodeURIComponent(r.name)}/status`;
}

export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  async reconcile(kind: ObjectRef['kind'], o: KubeObject): Promise<Outcome> {
    const ref = refOf(kind, o);
    const generation = generationOf(o);
    const status = statusOf(o);
    const deployed = status.conditions?.find((c) => c.type === 'Deployed');
    if (generation !== undefined && status.observedGeneration === generation && deployed) {
      if (deployed.status === 'False' && deployed.reason === 'InvalidSpec') return 'unchanged';
      if (deployed.status === 'True' && (await isRunning(this.deps.temporal, ref))) return 'unchanged';
    }
    const checked = checkObject(kind, o);
    if (!checked.ok) {
      this.deps.log(`${kind} ${ref.namespace}/${ref.name} is invalid: ${checked.problems.join('; ')}`);
      await this.writeStatus(
        ref,
        generation,
        deployedCondition('False', 'InvalidSpec', checked.problems.join('\n')),
      );
      return 'invalid';
    }
    const applied = await applyResource(this.deps.temporal, checked.manifest, {
      taskQueue: this.deps.taskQueue,
    });
    const what = applied.created ? 'created' : 'configured';
    this.deps.log(`${kind.toLowerCase()}/${ref.namespace}/${ref.name} ${what}`);
    await this.writeStatus(
      ref,
      generation,
      deployedCondition(
        'True',
        applied.created ? 'Created' : 'Updated',
        `running as workflow ${applied.workflowId}`,
      ),
    );
    return 'applied';
  }

  async remove(ref: ObjectRef): Promise<Outcome> {
    try {
      await deleteResource(this.deps.temporal, ref.kind, ref.namespace, ref.name);
      this.deps.log(`${ref.kind.toLowerCase()}/${ref.namespace}/${ref.name} deleted`);
    } catch (e) {
      if (!(e instanceof ResourceNotFoundError)) throw e;
    }
    return 'deleted';
  }

  private async writeStatus(
    ref: ObjectRef,
    generation: number | undefined,
    condition: Condition,
  ): Promise<void> {
    const status: Record<string, unknown> = { conditions: [condition] };
    if (generation !== undefined) status.observedGeneration = generation;
    try {
      await this.deps.kube.request({
        method: 'PATCH',
        path: statusPath(ref),
        contentType: 'application/merge-patch+json',
        body: JSON.stringify({ status }),
      });
    } catch (e) {
      // The object may be gone already; the next event or resync sets it right.
      this.deps.log(
        `could not write the status of ${ref.kind} ${ref.namespace}/${ref.name}: ${(e as Error).message}`,
      );
    }
  }
}
