// The `k8s` trigger (Argo's standard Kubernetes resource trigger): create, update, patch or
// delete any kind of object. create is at most once per fire (see create-once.ts); update and
// patch create the object when it does not exist, as Argo does; delete of a missing object
// succeeds. policy.k8s then waits for the object's labels.
import type { TriggerImpl, TriggerRequest } from '../../trigger-context.js';
import { triggerConfigError } from '../../trigger-errors.js';
import {
  triggerResource,
  applyResourceParameters,
  resourceFailure,
} from '../../artifacts/trigger-resource.js';
import type { ResourceTriggerSpec } from '../../artifacts/trigger-resource.js';
import { createOnce, type CreateOnceResult } from '../../kubernetes/create-once.js';
import { KubeApiError } from '../../../src/kubernetes/kube-client.js';
import { kubeTriggerError } from '../../kubernetes/kube-trigger-errors.js';
import {
  addLabels,
  describeObject,
  metadataOf,
  type KubeObject,
} from '../../../src/kubernetes/kube-object.js';
import { mergeOverride } from '../../kubernetes/merge-override.js';
import { applyLabelsPolicy } from '../../kubernetes/resource-labels-policy.js';
import { kubeStep, resourceTarget, type ResourceTarget } from '../../kubernetes/resource-target.js';
import { sensorLabels } from '../../kubernetes/sensor-labels.js';

interface K8sTriggerSpec extends ResourceTriggerSpec {
  operation?: string;
  patchStrategy?: string;
  liveObject?: boolean;
}

const LABEL = 'k8s trigger';
const DEFAULT_PATCH_STRATEGY = 'application/merge-patch+json';

interface OperationResult {
  object?: KubeObject;
  detail: Record<string, unknown>;
}

type Operation = (
  req: TriggerRequest,
  spec: K8sTriggerSpec,
  target: ResourceTarget,
  obj: KubeObject,
) => Promise<OperationResult>;

function requireName(obj: KubeObject, op: string, attempt: number): string {
  const name = metadataOf(obj).name;
  if (!name) throw triggerConfigError(`${LABEL}: ${op} needs metadata.name in the resource`, attempt);
  return name;
}

const create: Operation = async (req, _spec, { client, info, namespace }, obj) => {
  const meta = metadataOf(obj);
  if (!meta.name && !meta.generateName)
    throw triggerConfigError(
      `${LABEL}: the resource needs metadata.name or metadata.generateName`,
      req.attempt,
    );
  addLabels(obj, sensorLabels(req.sensor.name, req.fire.trigger, Date.now()));
  const what = `${LABEL}: create ${describeObject(obj)}`;
  let r: CreateOnceResult;
  try {
    r = await createOnce(client, info, namespace, obj, req.fire.idempotencyKey);
  } catch (e) {
    const exists = e instanceof KubeApiError && e.reason === 'AlreadyExists';
    const hint = exists ? ' (not created by this event: use generateName, or operation update)' : '';
    throw kubeTriggerError(e, `${what}${hint}`, req.attempt);
  }
  return { object: r.object, detail: { created: r.created } };
};

/** update and patch: an absent object is created as it is, as in Argo. */
async function createIfAbsent(
  req: TriggerRequest,
  t: ResourceTarget,
  obj: KubeObject,
  name: string,
): Promise<{ what: string; live?: KubeObject; created?: OperationResult }> {
  const what = `${LABEL}: ${describeObject(obj)}`;
  const live = await kubeStep(`${what}: read`, req.attempt, () => t.client.find(t.info, t.namespace, name));
  if (live) return { live, what };
  const created = await kubeStep(`${what}: create`, req.attempt, () =>
    createOnce(t.client, t.info, t.namespace, obj, req.fire.idempotencyKey),
  );
  return { created: { object: created.object, detail: { created: created.created } }, what };
}

const update: Operation = async (req, _spec, t, obj) => {
  const name = requireName(obj, 'update', req.attempt);
  const { live, created, what } = await createIfAbsent(req, t, obj, name);
  if (created) return created;
  const merged = mergeOverride(live, obj) as KubeObject;
  const object = await kubeStep(`${what}: update`, req.attempt, () =>
    t.client.replace(t.info, t.namespace, name, merged),
  );
  return { object, detail: { updated: true } };
};

const patch: Operation = async (req, spec, t, obj) => {
  const name = requireName(obj, 'patch', req.attempt);
  const { created, what } = await createIfAbsent(req, t, obj, name);
  if (created) return created;
  const strategy = spec.patchStrategy || DEFAULT_PATCH_STRATEGY;
  const object = await kubeStep(`${what}: patch (${strategy})`, req.attempt, () =>
    t.client.patch(t.info, t.namespace, name, obj, strategy),
  );
  return { object, detail: { patched: true, patchStrategy: strategy } };
};

const remove: Operation = async (req, _spec, t, obj) => {
  const name = requireName(obj, 'delete', req.attempt);
  const what = `${LABEL}: delete ${describeObject(obj)}`;
  const live = await kubeStep(what, req.attempt, () => t.client.find(t.info, t.namespace, name));
  if (!live) return { detail: { deleted: false, reason: 'not found' } };
  await kubeStep(what, req.attempt, async () => {
    try {
      await t.client.delete(t.info, t.namespace, name);
    } catch (e) {
      // Gone in between (an earlier attempt, someone else): what delete wanted.
      if ((e as { status?: number }).status !== 404) throw e;
    }
  });
  return { detail: { deleted: true } };
};

const OPERATIONS: Record<string, Operation> = { create, update, patch, delete: remove };

/** liveObject (update only): the object is read from the cluster, then the parameters apply to it. */
async function liveObject(req: TriggerRequest, spec: K8sTriggerSpec, t: ResourceTarget, obj: KubeObject) {
  const name = requireName(obj, 'liveObject', req.attempt);
  const live = await kubeStep(`${LABEL}: read live ${describeObject(obj)}`, req.attempt, () =>
    t.client.get(t.info, t.namespace, name),
  );
  try {
    return applyResourceParameters(live, spec.parameters, req);
  } catch (e) {
    throw resourceFailure(e, LABEL, req.attempt);
  }
}

export const k8sTrigger: TriggerImpl = async (req) => {
  const spec = (req.fire.template.k8s ?? {}) as K8sTriggerSpec;
  const opName = spec.operation || 'create';
  const operation = OPERATIONS[opName];
  if (!operation)
    throw triggerConfigError(`${LABEL}: unknown operation ${JSON.stringify(opName)}`, req.attempt);
  let obj = await triggerResource(req, spec, LABEL);
  const target = await resourceTarget(obj, req.sensor.namespace, LABEL, req.attempt);
  if (spec.liveObject && opName === 'update') obj = await liveObject(req, spec, target, obj);
  const result = await operation(req, spec, target, obj);
  const summary: Record<string, unknown> = {
    operation: opName,
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: target.namespace || undefined,
    name: result.object?.metadata?.name ?? obj.metadata?.name,
    uid: result.object?.metadata?.uid,
    ...result.detail,
  };
  if (result.object) {
    const policy = await applyLabelsPolicy(req, target, result.object, LABEL);
    if (policy) summary.policy = policy;
  }
  return summary;
};
