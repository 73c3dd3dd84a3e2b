// The `mqtt` EventSource's listen loop: a persistent session (clean: false, the configured
// clientId) subscribed at QoS 1, so the broker keeps messages published while no listener runs
// and resends unacked ones after a crash. Each PUBACK is held (mqtt.js's handleMessage hook)
// until the Sensors accepted the message (listener-common/push-consumer): the broker only
// forgets it then.
import type { MqttClient } from 'mqtt';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { ListenerContext } from '../listener-common/listener-source.js';
import type { EventDraft } from '../source-type.js';
import { tlsOptions } from '../listener-common/broker-settings.js';
import { runPushConsumer, type PushCheckpoint, type PushInbox, type PushSession } from '../listener-common/push-consumer.js';
import type { MqttPlan } from './mqtt-config.js';
import { mqttEventDraft } from './mqtt-event.js';

export type MqttCheckpoint = PushCheckpoint;

interface Held {
  draft: EventDraft;
  ack: () => void;
}

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

async function open(plan: MqttPlan, secrets: SecretStore, inbox: PushInbox<Held>): Promise<PushSession<Held>> {
  const { default: mqtt } = await import('mqtt');
  const client = mqtt.connect(plan.url, {
    clientId: plan.clientId,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    ...(plan.auth ? { username: secrets.get(plan.auth.username), password: secrets.get(plan.auth.password) } : {}),
    ...(plan.tls ? tlsOptions(plan.tls, (ref) => secrets.get(ref)) : {}),
  });
  // mqtt.js sends a QoS 1 message's PUBACK once handleMessage calls back (customHandleAcks would
  // do the same but is honoured only on MQTT 5; this works on 3.1.1, which Argo speaks).
  client.handleMessage = (packet, callback) => {
    inbox.push({
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
  client.on('error', (e) => inbox.lose(message(e)));
  client.on('close', () => inbox.lose('connection closed'));
  client.on('offline', () => inbox.lose('broker offline'));
  // Not awaited: a resumed session's queued messages arrive before the SUBACK, and mqtt.js reads
  // packets one at a time, so the SUBACK waits for their acks, which wait for the listen loop.
  client.subscribe(plan.topic, { qos: 1 }, (err, granted) => {
    if (err) inbox.lose(err.message);
    else if (granted?.some((g) => g.qos === 128)) inbox.lose(`the broker refused the subscription to ${JSON.stringify(plan.topic)}`);
  });
  return {
    draft: (h) => h.draft,
    ack: (batch) => batch.forEach((h) => h.ack()),
    close: () => client.endAsync(true),
  };
}

/** Consumes until cancelled, reconnecting (with connectionBackoff) when the broker goes away. */
export function listenMqtt(ctx: ListenerContext<MqttPlan, MqttCheckpoint>): Promise<void> {
  const plan = ctx.config;
  return runPushConsumer<MqttPlan, Held>(ctx, {
    what: 'mqtt source',
    backoff: plan.backoff,
    describe: { topic: plan.topic },
    open: (inbox) => open(plan, ctx.secrets, inbox),
  });
}
