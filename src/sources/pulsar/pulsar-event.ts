// A Pulsar message (as the WebSocket consumer API sends it) as Argo's PulsarEventData
// ({key, publishTime, body, metadata}) and its event id: subscription, topic and the message's
// position, so a redelivered copy gets the same id and the Sensors drop it.
import { argoBody } from '../listener-common/message-body.js';
import type { EventDraft } from '../source-type.js';
import type { PulsarPlan } from './pulsar-config.js';
import type { PulsarTopic } from './pulsar-connection.js';
import { messagePosition } from './pulsar-message-id.js';

/** What the WebSocket consumer API sends per message. */
export interface PulsarWsMessage {
  messageId: string;
  payload: string;
  properties?: Record<string, string>;
  publishTime?: string;
  key?: string;
  redeliveryCount?: number;
}

/** Go's time.Time.String() of a UTC time, as Argo writes publishTime: "2026-12-07 23:42:00.187 +0000 UTC". */
export function goUtcString(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-07T23:42:00.187Z
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC`;
}

export function pulsarEventDraft(plan: PulsarPlan, subscription: string, topic: PulsarTopic, m: PulsarWsMessage): EventDraft {
  const published = m.publishTime ? Date.parse(m.publishTime) : NaN;
  const data: Record<string, unknown> = {
    key: m.key ?? '',
    publishTime: Number.isFinite(published) ? goUtcString(published) : '',
    body: argoBody(Buffer.from(m.payload ?? '', 'base64'), plan.jsonBody),
  };
  if (plan.metadata) data.metadata = plan.metadata;
  const draft: EventDraft = { id: `pulsar:${subscription}/${topic.name}/${messagePosition(m.messageId)}`, data };
  if (Number.isFinite(published)) draft.time = published;
  return draft;
}
