// The `sftp` EventSource's listen loop: list the watched directory every pollIntervalDuration,
// diff it against the previous listing and deliver the changes the event asks for.
//
// Its checkpoint is the listing (the watched files) as of the last delivery, so a restarted
// listener (worker crash, redeploy) diffs it against the directory and reports what changed
// while none ran, once: ids derive from the file's name and version, so whatever the dead attempt
// had delivered already is deduplicated by the Sensors. On the very first start (no checkpoint)
// the directory as found is the baseline, as in Argo.
import type SftpClient from 'ssh2-sftp-client';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { ListenerConfigError } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { watchesFile, type SftpPlan } from './sftp-config.js';
import { connectConfig } from './sftp-connection.js';
import { diffListings, sftpEventData, sftpEventId, type Listing, type SftpChange } from './sftp-changes.js';

interface SftpCheckpoint {
  /** the watched files as of the last delivery; absent when there were too many to carry */
  listing?: Listing;
  /** events delivered, all attempts */
  delivered: number;
}

type Ctx = ListenerContext<SftpPlan, SftpCheckpoint>;

const HEARTBEAT_EVERY_MS = 1000;
/** A heartbeat stays small: beyond this many watched files, a restart takes the directory as found. */
const MAX_CHECKPOINT_FILES = 2000;
const MAX_BACKOFF_MS = 30_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The watched files in the directory (not directories, as Argo's sftpNonDirFiles). */
async function listWatched(client: SftpClient, plan: SftpPlan): Promise<Listing> {
  const out: Listing = {};
  for (const f of await client.list(plan.directory)) {
    if (f.type === 'd' || !watchesFile(plan, f.name)) continue;
    out[f.name] = { size: f.size, mtimeMs: f.modifyTime };
  }
  return out;
}

async function connect(ctx: Ctx): Promise<SftpClient> {
  const { default: Client } = await import('ssh2-sftp-client');
  const options = connectConfig(ctx.config, ctx.secrets);
  for (let delay = 1000; ; delay = Math.min(delay * 2, MAX_BACKOFF_MS)) {
    const client = new Client(`eventide-sftp-${ctx.eventName}`);
    try {
      await client.connect(options);
      return client;
    } catch (e) {
      await client.end().catch(() => undefined);
      if (ctx.signal.aborted) throw e;
      // ssh2's messages name the host and the failed method, never the password or key
      ctx.log.warn('sftp: cannot connect; not polling, retrying', { address: `${options.host}:${options.port}`, error: message(e) });
    }
    await ctx.sleep(delay);
  }
}

class SftpPoller {
  private checkpoint: SftpCheckpoint;
  /** the watched files as of the last round (the checkpoint's, after a restart) */
  private known: Listing | undefined;
  private warnedTooMany = false;

  constructor(private readonly ctx: Ctx) {
    this.checkpoint = ctx.checkpoint ?? { delivered: 0 };
    this.known = this.checkpoint.listing;
  }

  async run(): Promise<never> {
    const beat = setInterval(() => this.ctx.heartbeat(this.checkpoint), HEARTBEAT_EVERY_MS);
    this.ctx.heartbeat(this.checkpoint);
    let client: SftpClient | undefined;
    try {
      for (let delay = 1000; ; ) {
        client ??= await connect(this.ctx);
        try {
          await this.poll(client);
          delay = 1000;
        } catch (e) {
          if (this.ctx.signal.aborted || e instanceof ListenerConfigError) throw e;
          this.ctx.log.warn('sftp: listing failed; reconnecting', { directory: this.ctx.config.directory, error: message(e) });
          await client.end().catch(() => undefined);
          client = undefined;
          await this.ctx.sleep(delay);
          delay = Math.min(delay * 2, MAX_BACKOFF_MS);
          continue;
        }
        await this.ctx.sleep(this.ctx.config.pollIntervalMs);
      }
    } finally {
      clearInterval(beat);
      await client?.end().catch(() => undefined);
    }
  }

  /** One round: list, deliver what changed since the last round, then move the checkpoint. */
  private async poll(client: SftpClient): Promise<void> {
    const now = await listWatched(client, this.ctx.config);
    // Nothing known: a first start (the directory as found is the baseline, as in Argo).
    const changes = this.known ? diffListings(this.known, now) : [];
    await this.deliver(changes.filter((c) => c.op === this.ctx.config.eventType));
    this.known = now;
    const next: SftpCheckpoint = { delivered: this.checkpoint.delivered };
    if (Object.keys(now).length <= MAX_CHECKPOINT_FILES) next.listing = now;
    else if (!this.warnedTooMany) {
      this.warnedTooMany = true;
      this.ctx.log.warn('sftp: too many watched files to checkpoint; a restart will not report what changed meanwhile', {
        files: Object.keys(now).length,
      });
    }
    this.checkpoint = next;
    this.ctx.heartbeat(next);
  }

  private async deliver(changes: SftpChange[]): Promise<void> {
    if (changes.length === 0) return;
    const { source, eventName, config } = this.ctx;
    const drafts: EventDraft[] = changes.map((c) => ({ id: sftpEventId(source, eventName, c), data: sftpEventData(config, c) }));
    // resolves once every subscribed Sensor accepted them: the checkpoint never passes an undelivered change
    await this.ctx.deliver(drafts);
    this.checkpoint = { ...this.checkpoint, delivered: this.checkpoint.delivered + drafts.length };
  }
}

/** Polls until cancelled; never returns normally. */
export async function listenSftp(ctx: Ctx): Promise<void> {
  await new SftpPoller(ctx).run();
}
