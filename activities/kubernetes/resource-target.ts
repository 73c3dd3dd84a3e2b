// Where a resource trigger's object goes: the cluster client, the resource its apiVersion and
// kind map to, and its namespace — the object's own, else the Sensor's (Argo's default);
// none for cluster-scoped kinds, which the API discovery tells apart.
import { triggerConfigError } from '../trigger-errors.js';
import { kubeClient, type KubeClient, type ResourceInfo } from '../../src/kubernetes/kube-client.js';
import { metadataOf, type KubeObject } from '../../src/kubernetes/kube-object.js';
import { kubeTriggerError } from './kube-trigger-errors.js';

export interface ResourceTarget {
  client: KubeClient;
  info: ResourceInfo;
  namespace: string;
}

export async function connectedClient(label: string, attempt: number): Promise<KubeClient> {
  try {
    return await kubeClient();
  } catch (e) {
    throw kubeTriggerError(e, label, attempt);
  }
}

export async function resourceTarget(
  obj: KubeObject,
  sensorNamespace: string,
  label: string,
  attempt: number,
): Promise<ResourceTarget> {
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion || typeof obj.kind !== 'string' || !obj.kind) {
    throw triggerConfigError(`${label}: the resource needs apiVersion and kind`, attempt);
  }
  const client = await connectedClient(label, attempt);
  let info: ResourceInfo;
  try {
    info = await client.resourceFor(obj.apiVersion, obj.kind);
  } catch (e) {
    throw kubeTriggerError(e, `${label}: looking up ${obj.apiVersion} ${obj.kind}`, attempt);
  }
  const meta = metadataOf(obj);
  const namespace = info.namespaced ? meta.namespace || sensorNamespace : '';
  if (namespace) meta.namespace = namespace;
  else delete meta.namespace;
  return { client, info, namespace };
}

/** Runs one API call, turning its failure into a trigger failure that says what was attempted. */
export async function kubeStep<T>(what: string, attempt: number, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw kubeTriggerError(e, what, attempt);
  }
}
