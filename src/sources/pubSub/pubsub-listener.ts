// The `pubSub` EventSource's listen loop: a streaming pull on the event's subscription, whose
// messages are handed to the Sensors in batches and acked only once ctx.deliver resolved (every
// subscribed Sensor accepted them). The client's lease manager keeps extending the ack deadline
// of every message it holds (flow control bounds how many), so nothing is redelivered while a
// batch is in flight; if the worker dies, the unacked messages are redelivered once their
// deadline lapses and the restarted listener delivers them under the same ids
// (pubSub:<subscription>/<message id>), which the Sensors deduplicate.
//
// Where the client connects: Google's defaults (credentials from credentialSecret or the
// environment), or an emulator named by PUBSUB_EMULATOR_HOST, as with Argo.
import type { Message, PubSub, Subscription } from '@google-cloud/pubsub';
import { ListenerConfigError, type ListenerContext } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { EventDraft } from '../source-type.js';
import type { PubSubPlan } from './pubsub-config.js';
import { pubSubEvent } from './pubsub-events.js';
import { pubSubNames, type PubSubNames } from './pubsub-names.js';
import { prepareSubscription } from './pubsub-subscription.js';

interface PubSubCheckpoint {
  /** messages acked after delivery, all attempts */
  acked: number;
}

type Ctx = ListenerContext<PubSubPlan, PubSubCheckpoint>;

/** Messages held by the client at once (received, not yet acked): the bounded prefetch. */
const MAX_HELD = 500;
const MAX_BATCH = 200;
/** Lease bounds: short, so a crashed worker's messages come back soon. */
const MIN_ACK_DEADLINE_S = 10;
const MAX_ACK_DEADLINE_S = 30;
/** how long one message may stay leased in all (a Sensor that accepts nothing for this long) */
const MAX_EXTENSION_MIN = 60;
const HEARTBEAT_EVERY_MS = 1000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function credentialsOf(ctx: Ctx): Record<string, unknown> | undefined {
  const ref = ctx.config.credentialSecret;
  if (!ref) return undefined;
  const text = resolveSecret(ctx.secrets, ref, 'credentialSecret');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    // never quote the secret
    throw new ListenerConfigError(`credentialSecret ${ref.name}/${ref.key} is not a JSON service-account key`);
  }
}

async function projectOf(ctx: Ctx, client: PubSub): Promise<string> {
  if (ctx.config.projectID) return ctx.config.projectID;
  try {
    return await client.auth.getProjectId();
  } catch (e) {
    throw new Error(`pubSub: projectID is not given and could not be determined from the credentials or the metadata server: ${message(e)}`);
  }
}

/** Received messages waiting for the next batch; wakes the loop when one arrives or the stream fails. */
class Inbox {
  readonly waiting: Message[] = [];
  failure: unknown;
  private wake: (() => void) | undefined;

  attach(sub: Subscription): void {
    sub.on('message', (m: Message) => {
      this.waiting.push(m);
      this.wake?.();
    });
    sub.on('error', (e: unknown) => {
      this.failure = e;
      this.wake?.();
    });
  }

  /** resolves on news or after ms; rejects when the listener is cancelled */
  async next(ctx: Ctx, ms: number): Promise<void> {
    if (this.waiting.length > 0 || this.failure !== undefined) return;
    const woken = new Promise<void>((r) => (this.wake = r));
    await Promise.race([woken, ctx.sleep(ms)]);
    this.wake = undefined;
  }
}

async function consume(ctx: Ctx, sub: Subscription, names: PubSubNames, progress: PubSubCheckpoint): Promise<never> {
  const inbox = new Inbox();
  inbox.attach(sub);
  for (;;) {
    await inbox.next(ctx, HEARTBEAT_EVERY_MS);
    if (inbox.failure !== undefined)
      throw new Error(`pubSub: streaming pull on ${names.subscriptionName} failed: ${message(inbox.failure)}`);
    const batch = inbox.waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) continue;
    const drafts: EventDraft[] = [];
    for (const m of batch) {
      const mapped = pubSubEvent(ctx.config, names.subscriptionName, m);
      if (mapped.ok) drafts.push(mapped.draft);
      // acked below all the same: a redelivery could not turn it into an event either
      else ctx.log.warn(`pubSub: message ${m.id} is not an event and is dropped: ${mapped.reason}`);
    }
    await ctx.deliver(drafts);
    for (const m of batch) m.ack();
    progress.acked += batch.length;
    ctx.heartbeat(progress);
  }
}

export async function listenPubSub(ctx: Ctx): Promise<void> {
  const { PubSub, Duration } = await import('@google-cloud/pubsub');
  const credentials = credentialsOf(ctx);
  const client = new PubSub({
    ...(ctx.config.projectID ? { projectId: ctx.config.projectID } : {}),
    ...(credentials ? { credentials } : {}),
  });
  const progress: PubSubCheckpoint = { acked: ctx.checkpoint?.acked ?? 0 };
  ctx.heartbeat(progress);
  const beat = setInterval(() => ctx.heartbeat(progress), HEARTBEAT_EVERY_MS);
  let sub: Subscription | undefined;
  let names: PubSubNames | undefined;
  try {
    names = pubSubNames(ctx.config, ctx.eventName, await projectOf(ctx, client));
    const how = await prepareSubscription(client, names);
    sub = client.subscription(names.subscriptionName, {
      // allowExcessMessages stays true (the default): with false, @google-cloud/pubsub 5.3 never
      // dispenses a message it parked while full when an ack makes room (LeaseManager.remove only
      // emits 'free'), so parked messages sat leased for up to maxExtensionTime. The excess is one
      // pull response at most; the stream pauses while the inventory is full.
      flowControl: { maxMessages: MAX_HELD, allowExcessMessages: true },
      minAckDeadline: Duration.from({ seconds: MIN_ACK_DEADLINE_S }),
      maxAckDeadline: Duration.from({ seconds: MAX_ACK_DEADLINE_S }),
      maxExtensionTime: Duration.from({ minutes: MAX_EXTENSION_MIN }),
    });
    ctx.log.info('pubSub: consuming', { subscription: names.subscriptionName, subscriptionWas: how });
    await consume(ctx, sub, names, progress);
  } finally {
    clearInterval(beat);
    // closing flushes the acks sent so far and nacks what is held, so it is redelivered
    await sub?.close().catch((e: unknown) => ctx.log.warn('pubSub: close failed', { error: message(e) }));
    if (ctx.signal.aborted && ctx.config.deleteSubscriptionOnFinish && names) {
      await client
        .subscription(names.subscriptionName)
        .delete()
        .then(() => ctx.log.info('pubSub: subscription deleted (deleteSubscriptionOnFinish)', { subscription: names!.subscriptionName }))
        .catch((e: unknown) => ctx.log.warn('pubSub: subscription not deleted', { error: message(e) }));
    }
    await client.close().catch(() => undefined);
  }
}
