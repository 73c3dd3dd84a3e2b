// Reading and writing objects of the real test API server by plural and namespace, the way the
// tests moved off the fake (test/support/fakes/k8s-api-server.ts) looked at its store.
import type { Json, KubeApiServer } from '../servers/kube-apiserver.js';

const GROUP_OF: Record<string, string> = {
  configmaps: '/api/v1',
  secrets: '/api/v1',
  pods: '/api/v1',
  deployments: '/apis/apps/v1',
  workflows: '/apis/argoproj.io/v1alpha1',
  workflowtemplates: '/apis/argoproj.io/v1alpha1',
  cronworkflows: '/apis/argoproj.io/v1alpha1',
};

const pluralOf = (kind: string) => `${kind.toLowerCase()}s`;

export interface ClusterObjects {
  collection(plural: string, namespace?: string): string;
  objects(plural: string, namespace?: string): Promise<Json[]>;
  get(plural: string, namespace: string, name: string): Promise<Json | undefined>;
  /** creates the object (its namespace defaults to `default`) and returns it as stored */
  put(obj: Json): Promise<Json>;
  /** deletes every object of these plurals in `default` */
  reset(plurals: string[]): Promise<void>;
}

export function clusterObjects(kube: KubeApiServer): ClusterObjects {
  const collection = (plural: string, namespace = 'default') => {
    const root = GROUP_OF[plural];
    if (!root) throw new Error(`cluster-objects: no API group known for ${plural}`);
    return `${root}/namespaces/${namespace}/${plural}`;
  };
  return {
    collection,
    objects: (plural, namespace) => kube.list(collection(plural, namespace)),
    async get(plural, namespace, name) {
      const o = await kube.request('GET', `${collection(plural, namespace)}/${name}`, undefined, {
        allow: [404],
      });
      return o.code === 404 ? undefined : o;
    },
    put: (obj) =>
      kube.request(
        'POST',
        collection(pluralOf(obj.kind as string), obj.metadata?.namespace ?? 'default'),
        obj,
      ),
    async reset(plurals) {
      for (const p of plurals) await kube.deleteAll(collection(p));
    },
  };
}
