// The secret store of a running Eventide: environment variables, then files, then — inside a
// cluster or when asked — the Kubernetes Secrets of Eventide's namespace, loaded before this
// resolves so the first request served finds them. Uses the cluster connection of the
// Kubernetes triggers (same discovery: KUBECONFIG, in-cluster service account, ~/.kube/config).
import { kubeClient } from '../kubernetes/kube-client.js';
import {
  findClusterSource,
  loadClusterSource,
  type ClusterSource,
} from '../kubernetes/kube-connection.js';
import { KubernetesSecretCache, type SecretsLog } from './kubernetes-secret-cache.js';
import { kubernetesSecretsSettings, SERVICE_ACCOUNT_DIR } from './kubernetes-secrets-config.js';
import { chainSecretStores, createSecretStore, type SecretStore } from './secret-store.js';

export interface RuntimeSecrets {
  store: SecretStore;
  /** the Kubernetes cache, when one runs */
  kubernetes?: KubernetesSecretCache;
  stop(): Promise<void>;
}

export interface RuntimeSecretsOptions {
  env?: NodeJS.ProcessEnv;
  log?: SecretsLog;
  /** where the pod's service account is mounted (tests point it elsewhere) */
  serviceAccountDir?: string;
}

/** The namespace of the kubeconfig's current context, or the service account's in a pod. */
async function contextNamespace(source: ClusterSource): Promise<string> {
  const k8s = await import('@kubernetes/client-node');
  const kc = loadClusterSource(source, () => new k8s.KubeConfig());
  return kc.getContextObject(kc.getCurrentContext())?.namespace?.trim() || 'default';
}

export async function startRuntimeSecrets(o: RuntimeSecretsOptions = {}): Promise<RuntimeSecrets> {
  const env = o.env ?? process.env;
  const log: SecretsLog =
    o.log ??
    ((msg, fields) => console.error(JSON.stringify({ level: 'info', component: 'secrets', msg, ...fields })));
  const local = createSecretStore({ env });
  const settings = kubernetesSecretsSettings(env, o.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
  const withoutKubernetes: RuntimeSecrets = { store: local, stop: async () => undefined };
  if (!settings) return withoutKubernetes;

  let cache: KubernetesSecretCache;
  try {
    const source = findClusterSource(env);
    const namespaces = settings.namespaces ?? [await contextNamespace(source)];
    cache = new KubernetesSecretCache({
      client: await kubeClient(env),
      namespaces,
      refreshMs: settings.refreshMs,
      log,
    });
  } catch (e) {
    const problem = (e as Error).message;
    if (settings.required) throw new Error(`EVENTIDE_SECRETS_FROM_KUBERNETES is on, but ${problem}`);
    log(
      'kubernetes secrets off: no usable cluster connection (set EVENTIDE_SECRETS_FROM_KUBERNETES=0 to silence)',
      {
        error: problem,
      },
    );
    return withoutKubernetes;
  }
  await cache.start();
  return { store: chainSecretStores(local, cache), kubernetes: cache, stop: () => cache.stop() };
}
