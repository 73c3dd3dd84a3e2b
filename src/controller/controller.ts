// `eventide controller`: keeps Eventide in step with the EventSource and Sensor objects of one
// namespace (or all). Per kind it LISTs, reconciles every object, then WATCHes from the list's
// resourceVersion; a 410 Gone or a broken watch relists. After each list it also deletes what the
// controller had applied whose object no longer exists (deleted while it was down). Reconciles
// run one at a time; one that fails (Temporal unreachable) is retried with backoff, on the
// object's latest version. Run one replica: two would apply the same objects twice (harmless,
// as applying is idempotent, but noisy).
import type { Client } from '@temporalio/client';
import { listResources } from '../control/resources.js';
import type { KubeObject } from '../kubernetes/kube-object.js';
import type { KubeWatcher } from '../kubernetes/kube-watch.js';
import {
  CONTROLLED_KINDS,
  keyOf,
  MANAGED_ANNOTATION,
  MANAGED_BY,
  refOf,
  type ObjectRef,
} from './controller-objects.js';
import { Reconciler, type Outcome } from './reconciler.js';

export interface ControllerOptions {
  temporal: Client;
  taskQueue: string;
  watcher: KubeWatcher;
  /** one namespace; undefined watches all */
  namespace?: string;
  log?: (message: string) => void;
  /** called after each reconcile (tests wait on it) */
  onOutcome?: (ref: ObjectRef, outcome: Outcome) => void;
}

export interface RunningController {
  /** resolves once both kinds were listed and reconciled once */
  synced: Promise<void>;
  stop(): Promise<void>;
}

const BACKOFF_MS = [200, 500, 1000, 2000, 5000, 10_000];

type Job = { ref: ObjectRef; object?: KubeObject };

export function startController(o: ControllerOptions): RunningController {
  const log = o.log ?? ((m: string) => console.log(m));
  const reconciler = new Reconciler({
    temporal: o.temporal,
    taskQueue: o.taskQueue,
    kube: o.watcher.client,
    log,
  });
  const abort = new AbortController();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });

  // One queue for every object: the latest version of each waits, one reconcile runs at a time.
  const pending = new Map<string, Job>();
  const failures = new Map<string, number>();
  let draining: Promise<void> = Promise.resolve();
  const drain = async () => {
    while (pending.size > 0 && !abort.signal.aborted) {
      const [key, job] = pending.entries().next().value as [string, Job];
      pending.delete(key);
      try {
        const outcome = job.object
          ? await reconciler.reconcile(job.ref.kind, job.object)
          : await reconciler.remove(job.ref);
        failures.delete(key);
        o.onOutcome?.(job.ref, outcome);
      } catch (e) {
        const n = failures.get(key) ?? 0;
        failures.set(key, n + 1);
        const wait = BACKOFF_MS[Math.min(n, BACKOFF_MS.length - 1)]!;
        log(`reconciling ${key} failed (retrying in ${wait} ms): ${(e as Error).message}`);
        void sleep(wait).then(() => {
          if (!pending.has(key) && !abort.signal.aborted) enqueue(job);
        });
      }
    }
  };
  const enqueue = (job: Job) => {
    pending.set(keyOf(job.ref), job);
    draining = draining.then(drain);
  };
  const idle = async () => {
    while (pending.size > 0) await draining;
    await draining;
  };

  const collection = (plural: string) =>
    `/apis/argoproj.io/v1alpha1${o.namespace ? `/namespaces/${encodeURIComponent(o.namespace)}` : ''}/${plural}`;

  /** Lists a kind, queues every object, and queues deletes for managed resources whose object is gone. */
  async function relist(kind: ObjectRef['kind'], plural: string): Promise<string> {
    const list = await o.watcher.list(collection(plural));
    const present = new Set<string>();
    for (const object of list.items) {
      const ref = refOf(kind, object);
      present.add(keyOf(ref));
      enqueue({ ref, object });
    }
    for (const r of await listResources(o.temporal, kind, o.namespace)) {
      const ref: ObjectRef = { kind, namespace: r.namespace, name: r.name };
      if (r.manifest.metadata.annotations?.[MANAGED_ANNOTATION] === MANAGED_BY && !present.has(keyOf(ref))) {
        enqueue({ ref });
      }
    }
    return list.resourceVersion;
  }

  async function retrying<T>(what: string, step: () => Promise<T>): Promise<T | undefined> {
    for (let n = 0; !abort.signal.aborted; n++) {
      try {
        return await step();
      } catch (e) {
        const wait = BACKOFF_MS[Math.min(n, BACKOFF_MS.length - 1)]!;
        log(`${what} failed (retrying in ${wait} ms): ${(e as Error).message}`);
        await sleep(wait);
      }
    }
    return undefined;
  }

  async function watchKind(kind: ObjectRef['kind'], plural: string, listed: string): Promise<void> {
    let rv = listed;
    while (!abort.signal.aborted) {
      const stream = await retrying(`watching ${plural}`, () =>
        o.watcher.watch(collection(plural), { resourceVersion: rv }),
      );
      if (!stream) return;
      const stop = () => stream.close();
      abort.signal.addEventListener('abort', stop, { once: true });
      try {
        for (;;) {
          const ev = await stream.next();
          if ('kind' in ev) {
            if (ev.kind === 'gone')
              rv = (await retrying(`relisting ${plural}`, () => relist(kind, plural))) ?? rv;
            else if (ev.kind === 'failed') {
              log(`watch of ${plural} broke: ${ev.error.message}`);
              await sleep(BACKOFF_MS[1]!);
            }
            break;
          }
          rv = ev.object.metadata?.resourceVersion ?? rv;
          if (ev.type === 'BOOKMARK') continue;
          const ref = refOf(kind, ev.object);
          enqueue(ev.type === 'DELETED' ? { ref } : { ref, object: ev.object });
        }
      } finally {
        abort.signal.removeEventListener('abort', stop);
        stream.close();
      }
    }
  }

  let watches: Promise<void>[] = [];
  const synced = (async () => {
    const versions: string[] = [];
    for (const k of CONTROLLED_KINDS) {
      const rv = await retrying(`listing ${k.plural}`, () => relist(k.kind, k.plural));
      if (rv === undefined) return;
      versions.push(rv);
    }
    await idle();
    watches = CONTROLLED_KINDS.map((k, i) => watchKind(k.kind, k.plural, versions[i]!));
  })();

  return {
    synced,
    async stop() {
      abort.abort();
      await synced.catch(() => undefined);
      await Promise.all(watches);
      await draining.catch(() => undefined);
    },
  };
}
