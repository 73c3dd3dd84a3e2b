// The `redis` EventSource's listen loop: SUBSCRIBE to the channels (Argo's behaviour) and deliver
// what arrives as Argo's {channel, pattern, body, metadata}. Redis pub/sub keeps nothing: what is
// published while no listener is subscribed (worker down, reconnecting) is lost (README).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import type { RedisPlan } from './redis-config.js';
import { openRedis } from './redis-connection.js';

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface RedisListenerCheckpoint {
  delivered: number;
}

interface RedisEventData {
  channel: string;
  pattern: string;
  body: unknown;
  metadata?: Record<string, string>;
}

type Ctx = ListenerContext<RedisPlan, RedisListenerCheckpoint>;

const BATCH = 500;
const HEARTBEAT_EVERY_MS = 1000;

function eventData(plan: RedisPlan, channel: string, payload: string): RedisEventData | undefined {
  let body: unknown = payload;
  if (plan.jsonBody) {
    try {
      body = JSON.parse(payload);
    } catch {
      return undefined;
    }
  }
  return { channel, pattern: '', body, ...(plan.metadata ? { metadata: plan.metadata } : {}) };
}

export async function listenRedis(ctx: Ctx): Promise<void> {
  const plan = ctx.config;
  const checkpoint = ctx.checkpoint ?? { delivered: 0 };
  const beat = setInterval(() => ctx.heartbeat(checkpoint), HEARTBEAT_EVERY_MS);
  ctx.heartbeat(checkpoint);
  const where = `${plan.connection.host}:${plan.connection.port}`;
  let client: Redis | undefined;
  const queue: EventDraft[] = [];
  let wake: (() => void) | undefined;
  try {
    client = await openRedis(plan.connection, ctx.secrets, (e) =>
      ctx.log.warn('redis: connection error, not consuming until reconnected', {
        host: where,
        error: errorMessage(e),
      }),
    );
    client.on('message', (channel: string, payload: string) => {
      const data = eventData(plan, channel, payload);
      if (!data) {
        ctx.log.warn('redis: message dropped: not JSON (jsonBody is true)', { channel });
        return;
      }
      queue.push({ id: `redis:${randomUUID()}`, data });
      wake?.();
    });
    // ioredis resubscribes after a reconnect by itself.
    await client.subscribe(...plan.channels);
    ctx.log.info('redis: subscribed', { host: where, channels: plan.channels });
    for (;;) {
      if (queue.length === 0) {
        await Promise.race([new Promise<void>((r) => (wake = r)), ctx.sleep(HEARTBEAT_EVERY_MS)]);
        wake = undefined;
        if (client.status === 'end') throw new Error(`redis: connection to ${where} ended`);
        continue;
      }
      const batch = queue.splice(0, BATCH);
      await ctx.deliver(batch);
      checkpoint.delivered += batch.length;
    }
  } finally {
    clearInterval(beat);
    client?.disconnect();
  }
}
