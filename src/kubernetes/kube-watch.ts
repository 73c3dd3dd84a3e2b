// Watches of Kubernetes collections (the `resource` EventSource, the controller) through
// @kubernetes/client-node's Watch, so every kubeconfig authentication works. A watch is one
// streaming request: events are queued as they arrive and read one at a time by the caller, which
// is what lets a slow consumer hold the stream (the queue is bounded: past it the watch is closed
// and the caller resumes from the last resourceVersion it handled).
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from './kube-object.js';
import { findClusterSource } from './kube-connection.js';
import { loadKubeConfig, transportFor } from './kube-transport.js';
import { KubeClient } from './kube-client.js';

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

/** How a watch stream ended: closed normally (re-watch), 410 Gone (relist), or another failure. */
export type WatchEnd = { kind: 'closed' } | { kind: 'gone' } | { kind: 'failed'; error: Error };

export interface WatchStream {
  /** the next event, or how the stream ended */
  next(): Promise<WatchEvent | WatchEnd>;
  /** whatever else has already arrived (no waiting), to handle as one batch */
  takeQueued(): (WatchEvent | WatchEnd)[];
  close(): void;
}

export interface CollectionList {
  items: KubeObject[];
  resourceVersion: string;
}

export class KubeWatcher {
  constructor(
    readonly client: KubeClient,
    private readonly kc: KubeConfig,
  ) {}

  /** LIST, all pages; `resourceVersion` with `exact` lists the state as of that version. */
  async list(path: string, query: Record<string, string> = {}): Promise<CollectionList> {
    const items: KubeObject[] = [];
    let cont: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.client.request<{
        items?: KubeObject[];
        metadata?: { resourceVersion?: string; continue?: string };
      }>({ method: 'GET', path, query: { ...query, limit: '500', ...(cont ? { continue: cont } : {}) } });
      items.push(...(page.items ?? []));
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      cont = page.metadata?.continue || undefined;
      // Later pages continue the first one's snapshot; resourceVersion must not be repeated.
      delete query.resourceVersion;
      delete query.resourceVersionMatch;
    } while (cont);
    return { items, resourceVersion };
  }

  async watch(path: string, query: Record<string, string>, maxQueued = 1000): Promise<WatchStream> {
    const k8s = await import('@kubernetes/client-node');
    const queue: (WatchEvent | WatchEnd)[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    const push = (item: WatchEvent | WatchEnd) => {
      if (ended) return;
      if ('kind' in item) ended = true;
      queue.push(item);
      wake?.();
    };
    // Set once the request is open (the callbacks can run before the await returns).
    const open: { controller?: AbortController } = {};
    open.controller = await new k8s.Watch(this.kc).watch(
      path,
      { allowWatchBookmarks: true, ...query },
      (type: string, object: KubeObject) => {
        if (type === 'ERROR' && (object as { code?: number }).code === 410) push({ kind: 'gone' });
        else if (type === 'ERROR') {
          const msg = (object as { message?: string }).message ?? JSON.stringify(object);
          push({ kind: 'failed', error: new Error(`watch of ${path} failed: ${msg}`) });
        } else push({ type: type as WatchEventType, object });
        // Bounded: a consumer this far behind resumes from its resourceVersion instead.
        if (queue.length >= maxQueued) {
          push({ kind: 'closed' });
          open.controller?.abort();
        }
      },
      (err: unknown) => {
        const status = (err as { statusCode?: number } | null)?.statusCode;
        if (!err || (err as { name?: string }).name === 'AbortError') push({ kind: 'closed' });
        else if (status === 410) push({ kind: 'gone' });
        else push({ kind: 'failed', error: err instanceof Error ? err : new Error(String(err)) });
      },
    );
    return {
      async next() {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        return queue.shift()!;
      },
      takeQueued() {
        return queue.splice(0);
      },
      close() {
        // Ends the stream for a reader waiting in next() too (it would otherwise wait forever).
        push({ kind: 'closed' });
        open.controller?.abort();
      },
    };
  }
}

/** A watcher on the cluster this process is configured for (or one kubeconfig context of it). */
export async function kubeWatcher(
  context?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KubeWatcher> {
  const source = findClusterSource(env);
  const kc = await loadKubeConfig(source, context);
  return new KubeWatcher(new KubeClient(await transportFor(kc, source.from)), kc);
}
