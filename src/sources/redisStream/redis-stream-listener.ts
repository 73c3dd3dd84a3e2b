// The `redisStream` EventSource's listen loop: XREADGROUP in the consumer group, deliver the
// batch, then XACK it, so an entry is acknowledged only once every subscribed Sensor has it.
// After a crash the restarted listener (same consumer name) first re-reads its own pending
// entries (id 0, as Argo does), and XAUTOCLAIM takes over entries another consumer of the group
// left pending for long; the event id (stream + entry id) dedupes what was delivered already.
import type { Redis } from 'ioredis';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { openRedis } from '../redis/redis-connection.js';
import type { RedisStreamPlan } from './redis-stream-config.js';

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface RedisStreamListenerCheckpoint {
  delivered: number;
  /** entries delivered again from the pending list (after a crash) or claimed from another consumer */
  redelivered: number;
}

interface RedisStreamEventData {
  stream: string;
  message_id: string;
  values: Record<string, string>;
  metadata?: Record<string, string>;
}

type Ctx = ListenerContext<RedisStreamPlan, RedisStreamListenerCheckpoint>;
type Entry = [id: string, fields: string[] | null];

const HEARTBEAT_EVERY_MS = 1000;
const BLOCK_MS = 1000;
/** entries pending this long with another consumer are taken over */
const CLAIM_MIN_IDLE_MS = 60_000;
const CLAIM_EVERY_MS = 30_000;

function redisStreamEventId(stream: string, entryId: string): string {
  return `redisStream:${stream}/${entryId}`;
}

/** The consumer name inside the group: stable per event, so a restart finds its own pending entries. */
function consumerName(ctx: Pick<Ctx, 'source' | 'eventName'>): string {
  return `eventide-${ctx.source.namespace}-${ctx.source.name}-${ctx.eventName}`;
}

function values(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!] = fields[i + 1]!;
  return out;
}

async function ensureGroups(ctx: Ctx, client: Redis): Promise<void> {
  for (const stream of ctx.config.streams) {
    try {
      // From the stream's current end, as Argo creates it.
      await client.xgroup('CREATE', stream, ctx.config.consumerGroup, '$');
    } catch (e) {
      const m = errorMessage(e);
      if (m.includes('BUSYGROUP')) continue;
      if (/requires the key to exist/i.test(m))
        throw new Error(
          `redisStream: stream ${JSON.stringify(stream)} does not exist (create it, e.g. with XADD; the listener retries)`,
        );
      throw e;
    }
  }
}

class StreamSession {
  private readonly plan: RedisStreamPlan;
  private readonly checkpoint: RedisStreamListenerCheckpoint;
  /** per stream: '0' while re-reading our own pending entries, then '>' */
  private readonly cursor = new Map<string, string>();
  private lastClaim = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly client: Redis,
  ) {
    this.plan = ctx.config;
    this.checkpoint = ctx.checkpoint ?? { delivered: 0, redelivered: 0 };
    for (const s of this.plan.streams) this.cursor.set(s, '0-0');
  }

  heartbeat(): void {
    this.ctx.heartbeat(this.checkpoint);
  }

  async run(): Promise<never> {
    for (;;) {
      if (this.ctx.signal.aborted) throw this.ctx.signal.reason ?? new Error('cancelled');
      if (Date.now() - this.lastClaim > CLAIM_EVERY_MS) await this.claimAbandoned();
      await this.readOnce();
    }
  }

  private async readOnce(): Promise<void> {
    const streams = this.plan.streams;
    const ids = streams.map((s) => this.cursor.get(s)!);
    const reply = (await this.client.xreadgroup(
      'GROUP',
      this.plan.consumerGroup,
      consumerName(this.ctx),
      'COUNT',
      this.plan.maxMsgCountPerRead,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      ...streams,
      ...ids,
    )) as [string, Entry[]][] | null;
    for (const [stream, entries] of reply ?? []) {
      const pending = this.cursor.get(stream) !== '>';
      if (pending && entries.length === 0) {
        this.cursor.set(stream, '>');
        continue;
      }
      await this.handle(stream, entries, pending);
      if (pending && entries.length > 0) this.cursor.set(stream, entries[entries.length - 1]![0]);
    }
  }

  /** Delivers, then acks: the ack is the commit point. */
  private async handle(stream: string, entries: Entry[], again: boolean): Promise<void> {
    const drafts: EventDraft[] = [];
    for (const [id, fields] of entries) {
      if (!fields) continue; // trimmed away while pending: nothing left to deliver
      const data: RedisStreamEventData = {
        stream,
        message_id: id,
        values: values(fields),
        ...(this.plan.metadata ? { metadata: this.plan.metadata } : {}),
      };
      drafts.push({ id: redisStreamEventId(stream, id), data });
    }
    if (drafts.length > 0) await this.ctx.deliver(drafts);
    if (entries.length > 0)
      await this.client.xack(stream, this.plan.consumerGroup, ...entries.map(([id]) => id));
    this.checkpoint.delivered += drafts.length;
    if (again) this.checkpoint.redelivered += drafts.length;
    this.heartbeat();
  }

  /** Takes over entries another consumer of the group read but never acked (it died). */
  private async claimAbandoned(): Promise<void> {
    this.lastClaim = Date.now();
    for (const stream of this.plan.streams) {
      let start = '0-0';
      do {
        const [next, entries] = (await this.client.xautoclaim(
          stream,
          this.plan.consumerGroup,
          consumerName(this.ctx),
          CLAIM_MIN_IDLE_MS,
          start,
          'COUNT',
          this.plan.maxMsgCountPerRead,
        )) as [string, Entry[], ...unknown[]];
        if (entries.length > 0) await this.handle(stream, entries, true);
        start = next;
      } while (start !== '0-0');
    }
  }
}

export async function listenRedisStream(ctx: Ctx): Promise<void> {
  const where = `${ctx.config.connection.host}:${ctx.config.connection.port}`;
  let client: Redis | undefined;
  let beat: NodeJS.Timeout | undefined;
  try {
    client = await openRedis(ctx.config.connection, ctx.secrets, (e) =>
      ctx.log.warn('redisStream: connection error, not consuming until reconnected', {
        host: where,
        error: errorMessage(e),
      }),
    );
    await ensureGroups(ctx, client);
    const session = new StreamSession(ctx, client);
    session.heartbeat();
    beat = setInterval(() => session.heartbeat(), HEARTBEAT_EVERY_MS);
    ctx.log.info('redisStream: consuming', {
      host: where,
      streams: ctx.config.streams,
      group: ctx.config.consumerGroup,
    });
    await session.run();
  } finally {
    if (beat) clearInterval(beat);
    client?.disconnect();
  }
}
