// A small dynamic Kubernetes client: API discovery maps apiVersion + kind to the resource's
// path (plural, namespaced or not), then get / list / create / replace / patch / delete on any
// kind, objects as plain JSON. One client per cluster source, shared by all triggers.
import type { KubeObject } from './kube-object.js';
import { findClusterSource } from './kube-connection.js';
import { clientNodeTransport, type KubeRequest, type KubeTransport } from './kube-transport.js';

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    detail: string,
  ) {
    super(`${status} ${reason}${detail ? `: ${detail}` : ''}`);
    this.name = 'KubeApiError';
  }
}

/** apiVersion + kind the cluster does not serve (a CRD not installed, a typo). */
export class UnknownKindError extends Error {
  constructor(apiVersion: string, kind: string) {
    super(`the cluster does not serve kind ${kind} in apiVersion ${apiVersion}`);
    this.name = 'UnknownKindError';
  }
}

export interface ResourceInfo {
  apiVersion: string;
  kind: string;
  /** the plural resource name in URLs: workflows, configmaps */
  plural: string;
  namespaced: boolean;
}

interface APIResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

export interface KubeList {
  items: KubeObject[];
}

export class KubeClient {
  private readonly discovery = new Map<string, Promise<APIResource[]>>();

  constructor(private readonly transport: KubeTransport) {}

  async request<T>(req: KubeRequest): Promise<T> {
    const res = await this.transport(req);
    let body: unknown;
    try {
      body = res.text === '' ? undefined : JSON.parse(res.text);
    } catch {
      body = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      const status = body as { reason?: string; message?: string } | undefined;
      throw new KubeApiError(
        res.status,
        status?.reason || 'Failure',
        status?.message ?? res.text.slice(0, 200),
      );
    }
    return body as T;
  }

  private apiResources(apiVersion: string, refresh: boolean): Promise<APIResource[]> {
    let cached = this.discovery.get(apiVersion);
    if (!cached || refresh) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      cached = this.request<{ resources?: APIResource[] }>({ method: 'GET', path }).then(
        (r) => (r?.resources ?? []).filter((x) => !x.name.includes('/')),
        (e: unknown) => {
          if (e instanceof KubeApiError && e.status === 404) return [];
          throw e;
        },
      );
      // A failed lookup is not remembered, so the next attempt asks again.
      const pending = cached;
      pending.catch(() => {
        if (this.discovery.get(apiVersion) === pending) this.discovery.delete(apiVersion);
      });
      this.discovery.set(apiVersion, pending);
    }
    return cached;
  }

  /** Where objects of this apiVersion and kind live; asks the server again when not found (new CRDs). */
  async resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo> {
    for (const refresh of [false, true]) {
      const found = (await this.apiResources(apiVersion, refresh)).find((r) => r.kind === kind);
      if (found) return { apiVersion, kind, plural: found.name, namespaced: found.namespaced };
    }
    throw new UnknownKindError(apiVersion, kind);
  }

  path(info: ResourceInfo, namespace: string, name?: string): string {
    const root = info.apiVersion.includes('/') ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
    const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${root}${ns}/${info.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  get(info: ResourceInfo, namespace: string, name: string): Promise<KubeObject> {
    return this.request({ method: 'GET', path: this.path(info, namespace, name) });
  }

  /** The object, or undefined when it does not exist. */
  async find(info: ResourceInfo, namespace: string, name: string): Promise<KubeObject | undefined> {
    try {
      return await this.get(info, namespace, name);
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  list(info: ResourceInfo, namespace: string, labelSelector: string): Promise<KubeList> {
    return this.request({ method: 'GET', path: this.path(info, namespace), query: { labelSelector } });
  }

  create(info: ResourceInfo, namespace: string, obj: KubeObject): Promise<KubeObject> {
    return this.request({ method: 'POST', path: this.path(info, namespace), body: JSON.stringify(obj) });
  }

  replace(info: ResourceInfo, namespace: string, name: string, obj: KubeObject): Promise<KubeObject> {
    return this.request({
      method: 'PUT',
      path: this.path(info, namespace, name),
      body: JSON.stringify(obj),
    });
  }

  patch(
    info: ResourceInfo,
    namespace: string,
    name: string,
    body: unknown,
    contentType: string,
  ): Promise<KubeObject> {
    // Server-side apply needs a field manager; the other patch types accept one.
    return this.request({
      method: 'PATCH',
      path: this.path(info, namespace, name),
      query: { fieldManager: 'eventide' },
      body: JSON.stringify(body),
      contentType,
    });
  }

  delete(info: ResourceInfo, namespace: string, name: string): Promise<unknown> {
    return this.request({ method: 'DELETE', path: this.path(info, namespace, name) });
  }
}

const clients = new Map<string, Promise<KubeClient>>();

/** The shared client of the cluster this process is configured for; throws NoClusterError. */
export function kubeClient(env: NodeJS.ProcessEnv = process.env, context?: string): Promise<KubeClient> {
  const source = findClusterSource(env);
  const key = context === undefined ? source.from : `${source.from}#${context}`;
  let client = clients.get(key);
  if (!client) {
    const pending = clientNodeTransport(source, context).then((t) => new KubeClient(t));
    pending.catch(() => {
      if (clients.get(key) === pending) clients.delete(key);
    });
    clients.set(key, pending);
    client = pending;
  }
  return client;
}
