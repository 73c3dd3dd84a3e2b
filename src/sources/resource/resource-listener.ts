// The `resource` EventSource's listen loop, run by the generic source-listener activity: LIST the
// collection, then WATCH it from the list's resourceVersion, delivering each change that passes
// the filters and is of a watched type.
//
// Its checkpoint (the heartbeat) is the resourceVersion up to which every change is delivered,
// plus the objects known at that point (uid → version). A restarted listener lists the collection
// as of that version (resourceVersionMatch=Exact, which also gives UPDATEs their oldBody) and
// watches from it, so it sees exactly the changes made while no listener ran. When etcd has
// compacted that version away (410 Gone, at start or mid-watch) it relists the current state and
// diffs it against the known objects: ADD for new, UPDATE for changed, DELETE for missing (the
// intermediate versions of an object changed twice meanwhile are then not seen). Event ids are
// uid + resourceVersion + type, so whatever a dead attempt had already delivered is deduplicated
// by the Sensors and one change is never reported twice.
import type { KubeObject } from '../../kubernetes/kube-object.js';
import { KubeApiError } from '../../kubernetes/kube-client.js';
import {
  kubeWatcher,
  type KubeWatcher,
  type WatchEnd,
  type WatchEvent,
} from '../../kubernetes/kube-watch.js';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { collectionPath, type ResourcePlan } from './resource-config.js';
import { passesFilters, resourceEventData, resourceEventId, type ResourceChange } from './resource-events.js';

/** uid → [resourceVersion, namespace, name] */
type Known = Record<string, [string, string, string]>;

export interface ResourceListenerCheckpoint {
  /** every change up to this version is delivered */
  resourceVersion?: string;
  /** when the first attempt started (Argo's afterStart compares with it) */
  startTime: number;
  /** the objects as of resourceVersion; absent when there were too many to carry */
  known?: Known;
  delivered: number;
}

const HEARTBEAT_EVERY_MS = 1000;
/** A heartbeat stays small: past this many objects, a relist after 410 cannot diff (it warns). */
const MAX_CHECKPOINT_OBJECTS = 5000;
const BACKOFF_MS = [200, 500, 1000, 2000, 5000];

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

const uidOf = (o: KubeObject): string => o.metadata?.uid ?? `${o.metadata?.namespace}/${o.metadata?.name}`;
const rvOf = (o: KubeObject): string => o.metadata?.resourceVersion ?? '';

class ResourceWatchSession {
  private readonly plan: ResourcePlan;
  private readonly path: string;
  private readonly selector: Record<string, string>;
  private checkpoint: ResourceListenerCheckpoint;
  /** the objects as of `resourceVersion` */
  private cache = new Map<string, KubeObject>();
  private resourceVersion = '';
  private failures = 0;

  constructor(private readonly ctx: ListenerContext<ResourcePlan, ResourceListenerCheckpoint>) {
    this.plan = ctx.config;
    this.path = collectionPath(this.plan);
    this.selector = this.plan.labelSelector ? { labelSelector: this.plan.labelSelector } : {};
    this.checkpoint = ctx.checkpoint ?? { startTime: Date.now(), delivered: 0 };
  }

  async run(): Promise<never> {
    const beat = setInterval(() => this.ctx.heartbeat(this.checkpoint), HEARTBEAT_EVERY_MS);
    try {
      this.ctx.heartbeat(this.checkpoint);
      const watcher = await this.retrying('connect', () => kubeWatcher(this.plan.cluster));
      await this.retrying('list', () => this.start(watcher));
      for (;;) await this.watchOnce(watcher);
    } finally {
      clearInterval(beat);
    }
  }

  /** Runs `step` until it succeeds, warning why the listener is not consuming meanwhile. */
  private async retrying<T>(what: string, step: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        const r = await step();
        this.failures = 0;
        return r;
      } catch (e) {
        if (this.ctx.signal.aborted) throw e;
        const wait = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
        this.ctx.log.warn(`resource source: ${what} of ${this.path} failed, retrying in ${wait} ms`, {
          error: message(e),
        });
        await this.ctx.sleep(wait);
      }
    }
  }

  private async start(watcher: KubeWatcher): Promise<void> {
    const from = this.checkpoint.resourceVersion;
    if (from) {
      try {
        // The state as of the checkpoint, then watch from there: nothing since is missed.
        const list = await watcher.list(this.path, {
          ...this.selector,
          resourceVersion: from,
          resourceVersionMatch: 'Exact',
        });
        this.cache = new Map(list.items.map((o) => [uidOf(o), o]));
        this.resourceVersion = from;
        return;
      } catch (e) {
        if (!(e instanceof KubeApiError && e.status === 410)) throw e;
        this.ctx.log.warn(`resource source: version ${from} of ${this.path} is compacted; relisting`);
        await this.relist(watcher, this.checkpoint.known);
        return;
      }
    }
    // First start: every existing object is an ADD, as Argo's informer reports its initial list.
    const list = await watcher.list(this.path, { ...this.selector });
    this.cache = new Map(list.items.map((o) => [uidOf(o), o]));
    this.resourceVersion = list.resourceVersion;
    await this.emit(list.items.map((object) => ({ type: 'ADD', object })));
  }

  /** The current state, diffed against what was known: what changed while unseen. */
  private async relist(watcher: KubeWatcher, known: Known | undefined): Promise<void> {
    const list = await watcher.list(this.path, { ...this.selector });
    const changes: ResourceChange[] = [];
    if (!known) {
      this.ctx.log.warn(
        `resource source: no record of the objects of ${this.path} before the relist; changes made meanwhile are not reported`,
      );
    } else {
      const now = new Set<string>();
      for (const o of list.items) {
        const uid = uidOf(o);
        now.add(uid);
        const was = known[uid];
        if (!was) changes.push({ type: 'ADD', object: o });
        else if (was[0] !== rvOf(o)) changes.push({ type: 'UPDATE', object: o, old: this.cache.get(uid) });
      }
      for (const [uid, [rv, namespace, name]] of Object.entries(known)) {
        if (now.has(uid)) continue;
        const last = this.cache.get(uid) ?? { metadata: { uid, name, namespace, resourceVersion: rv } };
        changes.push({ type: 'DELETE', object: last });
      }
    }
    this.cache = new Map(list.items.map((o) => [uidOf(o), o]));
    this.resourceVersion = list.resourceVersion;
    await this.emit(changes);
  }

  private async watchOnce(watcher: KubeWatcher): Promise<void> {
    const stream = await this.retrying('watch', () =>
      watcher.watch(this.path, { ...this.selector, resourceVersion: this.resourceVersion }),
    );
    const stop = () => stream.close();
    this.ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      for (;;) {
        const first = await stream.next();
        const batch = [first, ...stream.takeQueued()];
        const end = await this.handle(batch);
        if (this.ctx.signal.aborted) throw this.ctx.signal.reason ?? new Error('cancelled');
        if (!end) continue;
        if (end.kind === 'gone') await this.retrying('relist', () => this.relist(watcher, this.knownNow()));
        else if (end.kind === 'failed') {
          const wait = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)]!;
          this.ctx.log.warn(`resource source: watch of ${this.path} broke, re-watching in ${wait} ms`, {
            error: end.error.message,
          });
          await this.ctx.sleep(wait);
        }
        return;
      }
    } finally {
      this.ctx.signal.removeEventListener('abort', stop);
      stream.close();
    }
  }

  /** Applies a batch of watch events; returns how the stream ended if it did. */
  private async handle(batch: (WatchEvent | WatchEnd)[]): Promise<WatchEnd | undefined> {
    const changes: ResourceChange[] = [];
    let end: WatchEnd | undefined;
    let rv = this.resourceVersion;
    for (const ev of batch) {
      if ('kind' in ev) {
        end = ev;
        break;
      }
      const o = ev.object;
      rv = rvOf(o) || rv;
      if (ev.type === 'BOOKMARK') continue;
      const uid = uidOf(o);
      if (ev.type === 'ADDED') {
        this.cache.set(uid, o);
        changes.push({ type: 'ADD', object: o });
      } else if (ev.type === 'MODIFIED') {
        const old = this.cache.get(uid);
        this.cache.set(uid, o);
        // Argo drops updates whose version did not change (informer resyncs).
        if (old && rvOf(old) === rvOf(o)) continue;
        changes.push({ type: 'UPDATE', object: o, old });
      } else if (ev.type === 'DELETED') {
        this.cache.delete(uid);
        changes.push({ type: 'DELETE', object: o });
      }
    }
    this.resourceVersion = rv;
    await this.emit(changes);
    this.failures = end?.kind === 'failed' ? this.failures : 0;
    return end;
  }

  private knownNow(): Known | undefined {
    if (this.cache.size > MAX_CHECKPOINT_OBJECTS) return undefined;
    const known: Known = {};
    for (const [uid, o] of this.cache)
      known[uid] = [rvOf(o), o.metadata?.namespace ?? '', o.metadata?.name ?? ''];
    return known;
  }

  /** Delivers the changes that pass, then records the new resourceVersion as delivered. */
  private async emit(changes: ResourceChange[]): Promise<void> {
    const { source, eventName } = this.ctx;
    const drafts: EventDraft[] = [];
    for (const c of changes) {
      if (!this.plan.eventTypes.includes(c.type)) continue;
      if (!passesFilters(this.plan, c, this.checkpoint.startTime)) continue;
      drafts.push({ id: resourceEventId(source, eventName, c), data: resourceEventData(this.plan, c) });
    }
    // Resolves once delivered (retrying meanwhile): the checkpoint never passes undelivered events.
    if (drafts.length > 0) await this.ctx.deliver(drafts);
    const checkpoint: ResourceListenerCheckpoint = {
      resourceVersion: this.resourceVersion,
      startTime: this.checkpoint.startTime,
      delivered: this.checkpoint.delivered + drafts.length,
    };
    const known = this.knownNow();
    if (known) checkpoint.known = known;
    this.checkpoint = checkpoint;
    this.ctx.heartbeat(checkpoint);
  }
}

/** Watches until cancelled; never returns normally. */
export async function listenResources(
  ctx: ListenerContext<ResourcePlan, ResourceListenerCheckpoint>,
): Promise<void> {
  await new ResourceWatchSession(ctx).run();
}
