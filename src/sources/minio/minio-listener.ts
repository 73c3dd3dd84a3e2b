// The `minio` EventSource's listen loop: MinIO's ListenBucketNotification stream (through the
// `minio` client, as Argo uses minio-go's), each record delivered as one event. The stream is
// live only: MinIO keeps no backlog for it, so notifications for objects changed while no
// listener is connected (worker down, restarting, reconnecting) are lost; there is nothing to ack
// and no checkpoint to resume from. A broken stream is reopened with backoff.
import { Agent } from 'node:https';
import type { NotificationEvent } from 'minio';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { MinioPlan } from './minio-config.js';
import { minioEvent } from './minio-events.js';

interface MinioCheckpoint {
  /** events delivered by this listener, all attempts */
  delivered: number;
}

type Ctx = ListenerContext<MinioPlan, MinioCheckpoint>;

/** Records waiting while a delivery is in flight; beyond this the newest are dropped (logged). */
const MAX_BUFFERED = 10_000;
const MAX_BATCH = 100;
const HEARTBEAT_EVERY_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function minioClient(ctx: Ctx) {
  const plan = ctx.config;
  const accessKey = resolveSecret(ctx.secrets, plan.accessKey, 'accessKey');
  const secretKey = resolveSecret(ctx.secrets, plan.secretKey, 'secretKey');
  const ca = plan.caCertificate && resolveSecret(ctx.secrets, plan.caCertificate, 'caCertificate');
  const { Client } = await import('minio');
  return new Client({
    endPoint: plan.host,
    ...(plan.port !== undefined ? { port: plan.port } : {}),
    useSSL: plan.useSSL,
    accessKey,
    secretKey,
    ...(plan.region ? { region: plan.region } : {}),
    ...(ca && plan.useSSL ? { transportAgent: new Agent({ ca, keepAlive: true }) } : {}),
  });
}

/** One stream until it fails (rejects with why) or the listener is cancelled (rejects too). */
async function consumeStream(
  ctx: Ctx,
  client: Awaited<ReturnType<typeof minioClient>>,
  progress: MinioCheckpoint,
  onData: () => void,
) {
  const plan = ctx.config;
  const queue: unknown[] = [];
  let failure: unknown;
  let dropped = 0;
  let wake: (() => void) | undefined;
  const poller = client.listenBucketNotification(
    plan.bucket,
    plan.prefix,
    plan.suffix,
    plan.events as NotificationEvent[],
  );
  poller.on('notification', (record) => {
    if (queue.length < MAX_BUFFERED) queue.push(record);
    else dropped++;
    wake?.();
  });
  poller.on('error', (e) => {
    failure = e ?? new Error('stream failed');
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && failure === undefined) {
        await Promise.race([new Promise<void>((r) => (wake = r)), ctx.sleep(HEARTBEAT_EVERY_MS)]);
        wake = undefined;
      }
      if (queue.length === 0) throw failure;
      if (dropped > 0) {
        ctx.log.warn('minio: notifications dropped while deliveries lagged', { dropped });
        dropped = 0;
      }
      const batch = queue.splice(0, MAX_BATCH);
      await ctx.deliver(batch.map((r) => minioEvent(plan, r)));
      progress.delivered += batch.length;
      onData();
    }
  } finally {
    poller.stop();
  }
}

export async function listenMinio(ctx: Ctx): Promise<void> {
  const client = await minioClient(ctx);
  const progress: MinioCheckpoint = { delivered: ctx.checkpoint?.delivered ?? 0 };
  ctx.heartbeat(progress);
  const beat = setInterval(() => ctx.heartbeat(progress), HEARTBEAT_EVERY_MS);
  const { bucket } = ctx.config;
  try {
    for (let delay = 1000; !ctx.signal.aborted;) {
      ctx.log.info('minio: listening for bucket notifications', { bucket });
      try {
        await consumeStream(ctx, client, progress, () => (delay = 1000));
      } catch (e) {
        if (ctx.signal.aborted) return;
        ctx.log.warn('minio: notification stream failed; not listening, reconnecting', {
          bucket,
          error: message(e),
          retryInMs: delay,
        });
      }
      await ctx.sleep(delay);
      delay = Math.min(delay * 2, MAX_BACKOFF_MS);
    }
  } finally {
    clearInterval(beat);
  }
}
