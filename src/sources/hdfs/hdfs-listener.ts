// The `hdfs` EventSource's listen loop: every checkInterval it lists the watched directory through
// WebHDFS, diffs the listing against the previous one and delivers the changes the event asks for.
//
// The previous listing is the checkpoint: it is heartbeated only after the changes it implies were
// delivered, so a listener restarted after a crash diffs against it and reports exactly what
// changed meanwhile (event ids derive from the entry's state, so anything the dead attempt had
// already delivered is deduplicated by the Sensors). Like Argo's watcher, the very first listing
// (no checkpoint yet) reports every existing entry as CREATE.
import type { ListenerContext } from '../listener-common/listener-source.js';
import { diffListings, hdfsEventData, hdfsEventId, wanted, type HdfsSnapshot } from './hdfs-changes.js';
import type { HdfsPlan } from './hdfs-config.js';
import { WebHdfs } from './hdfs-webhdfs.js';

export interface HdfsCheckpoint {
  /** the tree as of the last delivery; absent when too large to carry (then a restart re-lists afresh) */
  snapshot?: HdfsSnapshot;
  /** events delivered by this listener, all attempts */
  delivered: number;
}

/** A heartbeat stays well under Temporal's payload limits: about 150 bytes an entry. */
const MAX_CHECKPOINT_ENTRIES = 2000;
const MAX_BACKOFF_MS = 60_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function listenHdfs(ctx: ListenerContext<HdfsPlan, HdfsCheckpoint>): Promise<void> {
  const plan = ctx.config;
  const client = new WebHdfs(plan.addresses, plan.hdfsUser);
  let checkpoint: HdfsCheckpoint = ctx.checkpoint ?? { delivered: 0 };
  let known: HdfsSnapshot = checkpoint.snapshot ?? {};
  ctx.heartbeat(checkpoint);
  ctx.log.info('hdfs: polling', { directory: plan.directory, everyMs: plan.checkIntervalMs });
  for (let backoff = plan.checkIntervalMs; !ctx.signal.aborted;) {
    let now: HdfsSnapshot;
    try {
      now = await client.walk(plan.directory, ctx.signal);
      backoff = plan.checkIntervalMs;
    } catch (e) {
      if (ctx.signal.aborted) return;
      ctx.log.warn('hdfs: cannot list the directory; not watching, retrying', {
        directory: plan.directory,
        error: message(e),
      });
      await ctx.sleep(backoff);
      backoff = Math.min(backoff * 2, Math.max(MAX_BACKOFF_MS, plan.checkIntervalMs));
      continue;
    }
    const drafts = diffListings(known, now)
      .filter((c) => wanted(plan, c))
      .map((c) => ({ id: hdfsEventId(ctx.source, ctx.eventName, c), data: hdfsEventData(plan, c) }));
    // Resolves once delivered (retrying meanwhile): the checkpoint never passes undelivered changes.
    if (drafts.length > 0) await ctx.deliver(drafts);
    known = now;
    const fits = Object.keys(now).length <= MAX_CHECKPOINT_ENTRIES;
    checkpoint = { delivered: checkpoint.delivered + drafts.length, ...(fits ? { snapshot: now } : {}) };
    ctx.heartbeat(checkpoint);
    await ctx.sleep(plan.checkIntervalMs);
  }
}
