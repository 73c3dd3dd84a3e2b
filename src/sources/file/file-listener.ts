// The `file` EventSource's listen loop, run by the generic source-listener activity: it watches
// one directory (inotify through fs.watch, or Argo-style polling), turns what changed into
// fsnotify operations and delivers the matching ones.
//
// Its checkpoint is the watched entries as of the last delivery. When Temporal restarts a
// listener whose worker died, the new attempt diffs that checkpoint against the directory and
// delivers what changed meanwhile. Event ids derive from the entry's version, so whatever the
// dead attempt had already delivered is deduplicated by the Sensors.
import { watch, type FSWatcher } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { watchesEntry, type FilePlan } from './file-config.js';
import {
  classifyChange,
  diffSnapshots,
  fileEventData,
  fileEventId,
  type EntryVersion,
  type FileChange,
  type Snapshot,
} from './file-changes.js';

export interface FileListenerCheckpoint {
  /** watched entries as of the last delivery; absent when there were too many to carry */
  snapshot?: Snapshot;
  /** events delivered by this listener, all attempts */
  delivered: number;
}

/** radovskyb/watcher's period in Argo's polling mode. */
const POLL_INTERVAL_MS = 100;
const HEARTBEAT_EVERY_MS = 1000;
/** A heartbeat is a few KiB at most; beyond this many watched entries, restarts start afresh. */
const MAX_CHECKPOINT_ENTRIES = 5000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function versionOf(path: string): Promise<EntryVersion | undefined> {
  try {
    const s = await lstat(path, { bigint: true });
    return {
      ino: String(s.ino),
      mtimeNs: String(s.mtimeNs),
      ctimeNs: String(s.ctimeNs),
      size: String(s.size),
      mode: Number(s.mode),
    };
  } catch (e) {
    if (isMissing(e)) return undefined;
    throw e;
  }
}

class FileWatchError extends Error {
  override name = 'FileWatchError';
}

/** Retryable: the listener is restarted (with backoff) until it can watch the directory. */
function watchFailure(directory: string, e: unknown): FileWatchError {
  const why = isMissing(e) ? 'does not exist or is not a directory' : `cannot be read: ${message(e)}`;
  return new FileWatchError(
    `file source: directory ${JSON.stringify(directory)} ${why} (the listener retries until it can watch it)`,
  );
}

/** Every entry directly in the directory (fsnotify and Argo's poller are not recursive). */
async function scanDirectory(directory: string): Promise<Snapshot> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (e) {
    throw watchFailure(directory, e);
  }
  const snap: Snapshot = {};
  for (const name of names.sort()) {
    const v = await versionOf(join(directory, name));
    if (v) snap[name] = v;
  }
  return snap;
}

interface Notice {
  kind: 'rename' | 'change';
  name: string | undefined;
  seq: number;
}

class FileWatchSession {
  private known: Snapshot = {};
  private checkpoint: FileListenerCheckpoint;
  private readonly notices: Notice[] = [];
  private seq = 0;
  /** notices up to this sequence number were covered by a full rescan */
  private coveredSeq = 0;
  private wake: (() => void) | undefined;
  private watchError: unknown;
  private readonly plan: FilePlan;

  constructor(private readonly ctx: ListenerContext<FilePlan, FileListenerCheckpoint>) {
    this.plan = ctx.config;
    this.checkpoint = ctx.checkpoint ?? { delivered: 0 };
  }

  async run(): Promise<never> {
    const beat = setInterval(() => this.ctx.heartbeat(this.checkpoint), HEARTBEAT_EVERY_MS);
    let watcher: FSWatcher | undefined;
    try {
      this.ctx.heartbeat(this.checkpoint);
      // Watch before the first scan, so nothing between the two goes unnoticed.
      if (!this.plan.polling) watcher = this.watch();
      this.known = await scanDirectory(this.plan.directory);
      const prior = this.checkpoint.snapshot;
      if (prior) await this.emit(diffSnapshots(prior, this.known, this.style()));
      this.commit();
      for (;;) {
        await this.nextRound();
        if (this.watchError !== undefined) throw watchFailure(this.plan.directory, this.watchError);
        await this.emit(await this.collect());
        this.commit();
      }
    } finally {
      clearInterval(beat);
      watcher?.close();
    }
  }

  private style() {
    return this.plan.polling ? ('polling' as const) : ('inotify' as const);
  }

  private watch(): FSWatcher {
    let w: FSWatcher;
    try {
      w = watch(this.plan.directory, (kind, name) => {
        this.notices.push({
          kind: kind === 'change' ? 'change' : 'rename',
          name: name ?? undefined,
          seq: ++this.seq,
        });
        this.wake?.();
      });
    } catch (e) {
      throw watchFailure(this.plan.directory, e);
    }
    w.on('error', (e) => {
      this.watchError = e;
      this.wake?.();
    });
    return w;
  }

  /** Until there is something to look at (a notice, or the next poll); rejects on cancellation. */
  private async nextRound(): Promise<void> {
    if (!this.plan.polling && this.notices.length > 0) return;
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    await Promise.race([woken, this.ctx.sleep(this.plan.polling ? POLL_INTERVAL_MS : HEARTBEAT_EVERY_MS)]);
    this.wake = undefined;
  }

  private async collect(): Promise<FileChange[]> {
    if (this.plan.polling) return this.rescan();
    const changes: FileChange[] = [];
    for (const n of this.notices.splice(0)) {
      const known = n.name === undefined ? undefined : this.known[n.name];
      if (n.kind === 'change' && known) {
        const now = await versionOf(join(this.plan.directory, n.name!));
        if (now && now.ino === known.ino) {
          changes.push(classifyChange(n.name!, known, now));
          this.known[n.name!] = now;
          continue;
        }
      }
      // Creations, removals and renames need the whole directory (a rename has two names).
      if (n.seq > this.coveredSeq) changes.push(...(await this.rescan()));
    }
    return changes;
  }

  private async rescan(): Promise<FileChange[]> {
    this.coveredSeq = this.seq;
    const now = await scanDirectory(this.plan.directory);
    const changes = diffSnapshots(this.known, now, this.style());
    this.known = now;
    return changes;
  }

  private async emit(changes: FileChange[]): Promise<void> {
    const { source, eventName } = this.ctx;
    const drafts: EventDraft[] = [];
    for (const change of changes) {
      if (change.op !== this.plan.eventType || !watchesEntry(this.plan, change.name)) continue;
      drafts.push({ id: fileEventId(source, eventName, change), data: fileEventData(this.plan, change) });
    }
    if (drafts.length === 0) return;
    // Resolves once delivered (retrying meanwhile): the checkpoint never passes undelivered events.
    await this.ctx.deliver(drafts);
    this.checkpoint = { ...this.checkpoint, delivered: this.checkpoint.delivered + drafts.length };
  }

  /** Records the watched entries as delivered, in the next heartbeat. */
  private commit(): void {
    const watched = Object.entries(this.known).filter(([name]) => watchesEntry(this.plan, name));
    const checkpoint: FileListenerCheckpoint = { delivered: this.checkpoint.delivered };
    if (watched.length <= MAX_CHECKPOINT_ENTRIES) checkpoint.snapshot = Object.fromEntries(watched);
    this.checkpoint = checkpoint;
    this.ctx.heartbeat(checkpoint);
  }
}

/** Watches until cancelled; never returns normally. */
export async function listenFiles(ctx: ListenerContext<FilePlan, FileListenerCheckpoint>): Promise<void> {
  await new FileWatchSession(ctx).run();
}
