// The `mqtt` EventSource's listen loop: a persistent session (clean: false, the configured
// clientId) subscribed at QoS 1, so the broker keeps messages published while no listener runs
// and resends unacked ones after a crash. Each PUBACK is held (mqtt.js's handleMessage hook)
// until the Sensors accepted the message: the broker only forgets it then.
import mqtt, { type MqttClient } from 'mqtt';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { connectWithBackoff, listenerSecrets, tlsOptions } from '../listener-common/broker-settings.js';
import type { MqttPlan } from './mqtt-config.js';
import { mqttEventDraft } from './mqtt-event.js';

export interface MqttCheckpoint {
  delivered: number;
}

interface Held {
  draft: EventDraft;
  ack: () => void;
}

const HEARTBEAT_EVERY_MS = 1000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Resolves once connected; the message hook is in place before the first packet can arrive. */
function connected(client: MqttClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      client.removeListener('connect', ok);
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const ok = () => {
      client.removeListener('error', fail);
      client.removeListener('close', closed);
      resolve();
    };
    const closed = () => fail(new Error('connection closed before CONNACK'));
    client.once('connect', ok);
    client.once('error', fail);
    client.once('close', closed);
  });
}

async function connect(plan: MqttPlan, onMessage: (h: Held) => void, onRefused: (why: string) => void): Promise<MqttClient> {
  const secrets = listenerSecrets();
  const client = mqtt.connect(plan.url, {
    clientId: plan.clientId,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    ...(plan.auth ? { username: secrets.get(plan.auth.username), password: secrets.get(plan.auth.password) } : {}),
    ...(plan.tls ? tlsOptions(plan.tls, secrets) : {}),
  });
  // mqtt.js sends a QoS 1 message's PUBACK once handleMessage calls back (customHandleAcks would
  // do the same but is honoured only on MQTT 5; this works on 3.1.1, which Argo speaks).
  client.handleMessage = (packet, callback) => {
    onMessage({
      draft: mqttEventDraft(plan, packet.topic.toString(), Buffer.from(packet.payload), packet.messageId),
      ack: () => callback(),
    });
  };
  try {
    await connected(client);
  } catch (e) {
    await client.endAsync(true).catch(() => undefined);
    throw e;
  }
  // Not awaited: a resumed session's queued messages arrive before the SUBACK, and mqtt.js reads
  // packets one at a time, so the SUBACK waits for their acks, which wait for the listen loop.
  client.subscribe(plan.topic, { qos: 1 }, (err, granted) => {
    if (err) onRefused(err.message);
    else if (granted?.some((g) => g.qos === 128)) onRefused(`the broker refused the subscription to ${JSON.stringify(plan.topic)}`);
  });
  return client;
}

async function consumeUntilLost(ctx: ListenerContext<MqttPlan, MqttCheckpoint>, state: MqttCheckpoint): Promise<void> {
  const plan = ctx.config;
  const pending: Held[] = [];
  let wake: (() => void) | undefined;
  let lost: string | undefined;
  const onLost = (why: string) => {
    lost ??= why;
    wake?.();
  };
  const client = await connectWithBackoff(ctx, 'mqtt source', plan.backoff, () =>
    connect(
      plan,
      (h) => {
        pending.push(h);
        wake?.();
      },
      (why) => onLost(why),
    ),
  );
  client.on('error', (e) => onLost(message(e)));
  client.on('close', () => onLost('connection closed'));
  client.on('offline', () => onLost('broker offline'));
  const onAbort = () => wake?.();
  ctx.signal.addEventListener('abort', onAbort);
  ctx.log.info('mqtt source consuming', { event: ctx.eventName, topic: plan.topic });
  try {
    for (;;) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error('cancelled');
      if (lost !== undefined) {
        ctx.log.warn('mqtt source: connection lost, not consuming; reconnecting', { event: ctx.eventName, reason: lost });
        return;
      }
      if (pending.length === 0) {
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
        continue;
      }
      const batch = pending.splice(0);
      await ctx.deliver(batch.map((h) => h.draft));
      // A PUBACK on a dead connection is meaningless: the broker resends on the next session.
      if (lost === undefined) for (const h of batch) h.ack();
      state.delivered += batch.length;
      ctx.heartbeat(state);
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    await client.endAsync(true).catch(() => undefined);
  }
}

/** Consumes until cancelled, reconnecting (with connectionBackoff) when the broker goes away. */
export async function listenMqtt(ctx: ListenerContext<MqttPlan, MqttCheckpoint>): Promise<void> {
  const state: MqttCheckpoint = { delivered: ctx.checkpoint?.delivered ?? 0 };
  const beat = setInterval(() => ctx.heartbeat(state), HEARTBEAT_EVERY_MS);
  try {
    ctx.heartbeat(state);
    for (;;) {
      await consumeUntilLost(ctx, state);
      await ctx.sleep(ctx.config.backoff.durationMs);
    }
  } finally {
    clearInterval(beat);
  }
}
