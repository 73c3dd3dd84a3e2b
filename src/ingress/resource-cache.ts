// The ingress's copy of every running Sensor and EventSource, kept current by asking Temporal
// only what changed since the last look (listResourceChanges) rather than re-reading every
// resource with its manifest each refresh: with 1,000 idle Sensors a refresh returns no rows.
// A full re-read still happens at start, when a resource closed (deletes are rare and a full
// read orders claims correctly), on any error of the incremental query (a server without the
// EventideUpdatedAt attribute), and every `fullEveryMs` as a safety net against missed updates.
import type { Client } from '@temporalio/client';
import {
  listResourceChanges,
  listResources,
  sortOldestFirst,
  type ListedResource,
  type ResourceKind,
} from '../control/resources.js';

export interface ResourceCacheOptions {
  /** full re-read at least this often, ms (default 60 s) */
  fullEveryMs?: number;
  /** how far back each incremental query reaches, covering visibility lag and clock skew, ms */
  slackMs?: number;
}

export class ResourceCache {
  private byId = new Map<string, ListedResource>();
  private lastLook: number | undefined;
  private lastFull = 0;
  private readonly seenClosedRuns = new Set<string>();
  /** how many full re-reads and incremental looks were done (tests and benchmarks read them) */
  readonly counts = { full: 0, incremental: 0 };

  constructor(
    private readonly client: Client,
    private readonly opts: ResourceCacheOptions = {},
  ) {}

  /** Brings the copy up to date; true when anything may have changed. */
  async sync(): Promise<boolean> {
    const startedAt = Date.now();
    if (this.lastLook === undefined || startedAt - this.lastFull >= (this.opts.fullEveryMs ?? 60_000)) {
      await this.full(startedAt);
      return true;
    }
    let changes;
    try {
      changes = await listResourceChanges(
        this.client,
        new Date(this.lastLook - (this.opts.slackMs ?? 5_000)),
      );
    } catch {
      await this.full(startedAt);
      return true;
    }
    this.counts.incremental++;
    const newlyClosed = changes.closedRuns.filter((r) => !this.seenClosedRuns.has(r.runId));
    if (newlyClosed.length > 0) {
      for (const r of newlyClosed) this.seenClosedRuns.add(r.runId);
      await this.full(startedAt);
      return true;
    }
    for (const r of changes.updated) this.byId.set(r.workflowId, r);
    this.lastLook = startedAt;
    return changes.updated.length > 0;
  }

  list(kind: ResourceKind): ListedResource[] {
    return sortOldestFirst([...this.byId.values()].filter((r) => r.kind === kind));
  }

  private async full(startedAt: number): Promise<void> {
    const [sources, sensors] = await Promise.all([
      listResources(this.client, 'EventSource'),
      listResources(this.client, 'Sensor'),
    ]);
    this.byId = new Map([...sources, ...sensors].map((r) => [r.workflowId, r]));
    this.counts.full++;
    this.lastLook = startedAt;
    this.lastFull = startedAt;
    // Closures older than the slack window can no longer be returned; forget them.
    if (this.seenClosedRuns.size > 10_000) this.seenClosedRuns.clear();
  }
}
