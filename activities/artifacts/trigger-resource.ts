// The object a k8s or argoWorkflow trigger acts on. An inline `source.resource` arrives with its
// parameters already applied by the engine (FireEffect.resource); any other source is fetched
// here, on every fire, and the trigger's resource `parameters` are applied to it with the
// fire's events, as Argo does after FetchResource.
import type { ApplicationFailure } from '@temporalio/common';
import type { TriggerParameter } from '../../src/vocabulary/manifest-types.js';
import { applyParameters } from '../../src/engine/parameters/apply-parameters.js';
import { ParameterError } from '../../src/engine/parameters/resolve-value.js';
import type { TriggerRequest } from '../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../trigger-errors.js';
import { kubeClient } from '../../src/kubernetes/kube-client.js';
import { kubeTriggerError } from '../kubernetes/kube-trigger-errors.js';
import { isPlainObject, type KubeObject } from '../../src/kubernetes/kube-object.js';
import { ArtifactError } from './artifact-error.js';
import { parseResourceText } from './parse-resource-text.js';
import { readArtifactText, type ArtifactLocation } from './read-artifact.js';

export interface ResourceTriggerSpec {
  source?: ArtifactLocation;
  parameters?: TriggerParameter[];
}

/** Turns a failure while building the resource into the trigger failure it means. */
export function resourceFailure(e: unknown, label: string, attempt: number): ApplicationFailure {
  if (e instanceof ArtifactError) {
    const message = `${label}: ${e.message}`;
    return e.retryable ? retryableTriggerError(message, attempt) : triggerConfigError(message, attempt);
  }
  if (e instanceof ParameterError) return triggerConfigError(`${label}: ${e.message}`, attempt);
  return kubeTriggerError(e, `${label}: reading the trigger source`, attempt);
}

/** Applies the trigger's resource parameters to a fetched object with the fire's events. */
export function applyResourceParameters(
  obj: KubeObject,
  params: TriggerParameter[] | undefined,
  req: TriggerRequest,
): KubeObject {
  return applyParameters(obj, params, req.fire.events, Date.now()) as KubeObject;
}

export async function triggerResource(
  req: TriggerRequest,
  spec: ResourceTriggerSpec,
  label: string,
): Promise<KubeObject> {
  const { fire, attempt } = req;
  if (fire.resource !== undefined) {
    if (!isPlainObject(fire.resource))
      throw triggerConfigError(`${label}: source.resource must be a Kubernetes object (a map)`, attempt);
    return structuredClone(fire.resource) as KubeObject;
  }
  if (!isPlainObject(spec.source)) throw triggerConfigError(`${label}: source is required`, attempt);
  try {
    const { text, where } = await readArtifactText(spec.source, {
      namespace: req.sensor.namespace,
      secrets: req.services.secrets,
      kube: () => kubeClient(),
    });
    return applyResourceParameters(parseResourceText(text, where), spec.parameters, req);
  } catch (e) {
    throw resourceFailure(e, label, attempt);
  }
}
