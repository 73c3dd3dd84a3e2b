// Raw HTTP requests to the Kubernetes API through @kubernetes/client-node's own request
// machinery, so every authentication a kubeconfig can hold (client certificates, tokens,
// exec plugins, OIDC, in-cluster service accounts) works without Eventide re-implementing it.
// The typed client is not used: its serializer drops fields of kinds it does not know.
import type { KubeConfig } from '@kubernetes/client-node';
import { loadClusterSource, type ClusterSource } from './kube-connection.js';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** absolute API path, e.g. /apis/argoproj.io/v1alpha1/namespaces/default/workflows */
  path: string;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
}

interface KubeResponse {
  status: number;
  text: string;
}

export type KubeTransport = (req: KubeRequest) => Promise<KubeResponse>;

const REQUEST_TIMEOUT_MS = 30_000;

export async function clientNodeTransport(source: ClusterSource, context?: string): Promise<KubeTransport> {
  return transportFor(await loadKubeConfig(source, context), source.from);
}

/** The source's KubeConfig, switched to `context` when given (a resource EventSource's `cluster`). */
export async function loadKubeConfig(source: ClusterSource, context?: string): Promise<KubeConfig> {
  // Imported lazily: the library is large and only Kubernetes features need it.
  const k8s = await import('@kubernetes/client-node');
  const kc: KubeConfig = loadClusterSource(source, () => new k8s.KubeConfig());
  if (context !== undefined) {
    if (!kc.getContextObject(context)) {
      throw new Error(
        `the Kubernetes config from ${source.from} has no context named ${JSON.stringify(context)}`,
      );
    }
    kc.setCurrentContext(context);
  }
  return kc;
}

export async function transportFor(kc: KubeConfig, from: string): Promise<KubeTransport> {
  const k8s = await import('@kubernetes/client-node');
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new Error(`the Kubernetes config from ${from} has no current context with a cluster`);
  }
  const server = new k8s.ServerConfiguration(cluster.server, {});
  const http = new k8s.IsomorphicFetchHttpLibrary();
  return async (req) => {
    const ctx = server.makeRequestContext(req.path, k8s.HttpMethod[req.method]);
    for (const [k, v] of Object.entries(req.query ?? {})) ctx.setQueryParam(k, v);
    ctx.setHeaderParam('Accept', 'application/json');
    if (req.body !== undefined) {
      ctx.setHeaderParam('Content-Type', req.contentType ?? 'application/json');
      ctx.setBody(req.body);
    }
    ctx.setSignal(AbortSignal.timeout(REQUEST_TIMEOUT_MS));
    await kc.applySecurityAuthentication(ctx);
    const res = await http.send(ctx).toPromise();
    return { status: res.httpStatusCode, text: await res.body.text() };
  };
}
