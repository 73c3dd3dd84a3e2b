// An mqtt EventSource end to end on a real Mosquitto: messages published with mqtt.js reach a
// Sensor with Argo's payload ({topic, messageId, body, metadata}), a data filter and a body.<field>
// parameter apply; messages published while no listener runs (EventSource deleted) arrive once
// it is applied again, because the listener keeps a persistent QoS 1 session.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt, { type MqttClient } from 'mqtt';
import { applyResource, deleteResource } from '../../src/control/resources.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { eventSourceWorkflowId } from '../../src/vocabulary/eventsource-api.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { mosquittoMissing, startMosquitto, type Mosquitto } from '../support/servers/mosquitto.js';
import { waitFor } from '../support/wait-for.js';

const skip = mosquittoMissing();
let broker: Mosquitto;
let e: RunningEventide;
let capture: CaptureServer;
let publisher: MqttClient;

interface Seen {
  id: string;
  topic: string;
  messageId: string;
  n: string;
  team: string;
}
const seen = (): Seen[] => capture.requests.map((r) => JSON.parse(r.body) as Seen);

function mqttSource() {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'mq' },
    spec: {
      mqtt: {
        orders: {
          url: broker.url,
          topic: 'shop/+/orders',
          clientId: 'eventide-test-orders',
          jsonBody: true,
          metadata: { team: 'ops' },
          connectionBackoff: { duration: '200ms', steps: 3, factor: 2 },
        },
      },
    },
  };
}

const publish = (topic: string, body: unknown) => publisher.publishAsync(topic, JSON.stringify(body), { qos: 1 });

before(async () => {
  if (skip) return;
  broker = await startMosquitto();
  capture = await startCaptureServer();
  publisher = await mqtt.connectAsync(broker.url, { clientId: 'eventide-test-publisher' });
  e = await startTestEventide({
    ingress: false,
    manifests: validManifests(
      mqttSource(),
      sensor('mqtt-orders', {
        dependencies: [
          {
            name: 'order',
            eventSourceName: 'mq',
            eventName: 'orders',
            filters: { data: [{ path: 'body.kind', type: 'string', value: ['order'] }] },
          },
        ],
        triggers: [
          {
            template: {
              name: 'capture',
              http: {
                url: `${capture.url}/order`,
                method: 'POST',
                payload: [
                  { src: { dependencyName: 'order', contextKey: 'id' }, dest: 'id' },
                  { src: { dependencyName: 'order', dataKey: 'topic' }, dest: 'topic' },
                  { src: { dependencyName: 'order', dataKey: 'messageId' }, dest: 'messageId' },
                  { src: { dependencyName: 'order', dataKey: 'body.n' }, dest: 'n' },
                  { src: { dependencyName: 'order', dataKey: 'metadata.team' }, dest: 'team' },
                ],
              },
            },
          },
        ],
      }),
    ),
  });
});

after(async () => {
  await publisher?.endAsync();
  await e?.stop();
  await capture?.close();
  await broker?.stop();
});

test('messages reach the Sensor with Argo’s payload; the data filter drops the rest', { skip, timeout: 60_000 }, async () => {
  // The listener subscribes asynchronously: probe until one arrives (QoS 1 before the first
  // subscription is not queued: the session does not exist yet).
  let probes = 0;
  await waitFor(
    async () => {
      await publish('shop/eu/orders', { kind: 'order', n: `probe-${probes++}` });
      return seen().length > 0;
    },
    { intervalMs: 500, timeoutMs: 40_000, what: 'the listener to subscribe' },
  );
  await publish('shop/eu/orders', { kind: 'refund', n: 'filtered' });
  await publish('shop/us/orders', { kind: 'order', n: 'real' });
  const real = await waitFor(() => seen().find((s) => s.n === 'real'), { what: 'the real order' });
  assert.equal(real.topic, 'shop/us/orders');
  assert.equal(real.team, 'ops');
  assert.match(real.messageId, /^\d+$/, 'messageId is the MQTT packet id, as Argo');
  assert.ok(!seen().some((s) => s.n === 'filtered'), 'the data filter dropped kind=refund');
});

test('messages published while no listener runs are delivered after it is back', { skip, timeout: 90_000 }, async () => {
  const handle = e.client.workflow.getHandle(eventSourceWorkflowId('default', 'mq'));
  await deleteResource(e.client, 'EventSource', 'default', 'mq');
  await handle.result();
  const gap = Array.from({ length: 20 }, (_, i) => `gap-${i}`);
  for (const n of gap) await publish('shop/eu/orders', { kind: 'order', n });
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(!seen().some((s) => s.n.startsWith('gap-')), 'nothing is delivered while the EventSource is deleted');
  const [source] = validManifests(mqttSource());
  await applyResource(e.client, source!, { taskQueue: e.taskQueue });
  await waitFor(() => gap.every((n) => seen().some((s) => s.n === n)), {
    timeoutMs: 60_000,
    what: 'the messages published during the gap',
  });
  const ids = seen().map((s) => s.id);
  const gapSeen = seen().filter((s) => s.n.startsWith('gap-')).length;
  console.log(JSON.stringify({ publishedWhileDown: gap.length, deliveredAfter: gapSeen, fires: ids.length, distinctIds: new Set(ids).size }));
  assert.equal(gapSeen, gap.length, 'each gap message fired exactly once');
});
