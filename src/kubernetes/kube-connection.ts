// Which Kubernetes cluster the resource triggers talk to, found the way Argo's sensor finds it:
// KUBECONFIG when set, else the in-cluster service account when running in a pod, else
// ~/.kube/config (a developer's machine). Never the client library's silent localhost:8080.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

export class NoClusterError extends Error {
  constructor() {
    super(
      'no Kubernetes cluster configured (set KUBECONFIG to a kubeconfig file, run Eventide in a pod ' +
        'with a service account, or create ~/.kube/config)',
    );
    this.name = 'NoClusterError';
  }
}

export interface ClusterSource {
  /** what the config was loaded from; also the cache key of clients */
  from: string;
  /** kubeconfig files, merged in order (empty: in-cluster) */
  files: string[];
}

/** Loads the source into fresh KubeConfig objects made by `make`. */
export function loadClusterSource(source: ClusterSource, make: () => KubeConfig): KubeConfig {
  const kc = make();
  if (source.files.length === 0) {
    kc.loadFromCluster();
    return kc;
  }
  kc.loadFromFile(source.files[0]!);
  for (const file of source.files.slice(1)) {
    const more = make();
    more.loadFromFile(file);
    kc.mergeConfig(more);
  }
  return kc;
}

export function findClusterSource(env: NodeJS.ProcessEnv = process.env): ClusterSource {
  const kubeconfig = env.KUBECONFIG;
  if (kubeconfig) {
    // A KUBECONFIG list (path-delimited) is merged in order, as kubectl does.
    const files = kubeconfig.split(delimiter).filter((f) => f !== '');
    if (files.length > 0) return { from: `kubeconfig:${files.join(delimiter)}`, files };
  }
  if (env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN)) {
    return { from: 'in-cluster', files: [] };
  }
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  if (existsSync(home)) return { from: `kubeconfig:${home}`, files: [home] };
  throw new NoClusterError();
}
