// Creating an object at most once per fire. The object carries the fire's idempotency key as a
// label; before creating, the namespace is searched for it, so an activity retried after its
// create succeeded (but its answer was lost) finds the object instead of making a second one —
// which matters with generateName, where the server would happily create another.
import { addLabels, metadataOf, type KubeObject } from '../../src/kubernetes/kube-object.js';
import { KubeApiError, type KubeClient, type ResourceInfo } from '../../src/kubernetes/kube-client.js';

export const IDEMPOTENCY_LABEL = 'eventide.io/idempotency-key';

export interface CreateOnceResult {
  object: KubeObject;
  /** false when an earlier attempt of the same fire had created it */
  created: boolean;
}

export async function createOnce(
  client: KubeClient,
  info: ResourceInfo,
  namespace: string,
  obj: KubeObject,
  idempotencyKey: string,
): Promise<CreateOnceResult> {
  addLabels(obj, { [IDEMPOTENCY_LABEL]: idempotencyKey });
  const selector = `${IDEMPOTENCY_LABEL}=${idempotencyKey}`;
  const earlier = (await client.list(info, namespace, selector)).items ?? [];
  if (earlier[0]) return { object: earlier[0], created: false };
  try {
    return { object: await client.create(info, namespace, obj), created: true };
  } catch (e) {
    // A fixed name that exists: ours when it carries this fire's key (a concurrent attempt).
    const name = metadataOf(obj).name;
    if (e instanceof KubeApiError && e.status === 409 && name) {
      const current = await client.find(info, namespace, name);
      if (current && current.metadata?.labels?.[IDEMPOTENCY_LABEL] === idempotencyKey)
        return { object: current, created: false };
    }
    throw e;
  }
}
