// An MQTT message as Argo's MQTTEventData ({topic, messageId, body, metadata}) and its event id.
// The broker resends an unacked QoS 1 message with its original packet id, but packet ids are
// 16-bit and reused, so the id also hashes topic and payload: a redelivery gets the same id, a
// later message reusing the packet id gets another unless its topic and payload are identical.
import { createHash } from 'node:crypto';
import type { EventDraft } from '../source-type.js';
import type { MqttPlan } from './mqtt-config.js';
import { argoBody } from '../listener-common/message-body.js';

export function mqttEventDraft(plan: MqttPlan, topic: string, payload: Buffer, packetId: number | undefined): EventDraft {
  const digest = createHash('sha256').update(topic).update('\0').update(payload).digest('hex').slice(0, 32);
  const data: Record<string, unknown> = { topic, messageId: packetId ?? 0, body: argoBody(payload, plan.jsonBody) };
  if (plan.metadata) data.metadata = plan.metadata;
  return { id: `mqtt:${plan.clientId}/${packetId ?? 0}/${digest}`, data };
}
