// An AMQP delivery as Argo's AMQPEventData, and its event id. The id must survive redelivery
// (after a crash the broker hands the same message out again, with a new delivery tag), so it
// comes from the publisher's message-id; without one there is nothing stable to derive it from
// and the delivery's own identity is used (a redelivered copy then fires again: README).
import type { ConsumeMessage } from 'amqplib';
import type { EventDraft } from '../source-type.js';
import { argoBody } from '../listener-common/message-body.js';
import type { AmqpPlan } from './amqp-config.js';

function rfc3339(ts: unknown): string {
  // AMQP timestamps are seconds; Go's zero time when absent, as Argo marshals it.
  return typeof ts === 'number' ? new Date(ts * 1000).toISOString().replace('.000Z', 'Z') : '0001-01-01T00:00:00Z';
}

function amqpEventData(plan: AmqpPlan, msg: ConsumeMessage): Record<string, unknown> {
  const pr = msg.properties;
  const data: Record<string, unknown> = {
    contentType: pr.contentType ?? '',
    contentEncoding: pr.contentEncoding ?? '',
    deliveryMode: pr.deliveryMode ?? 0,
    priority: pr.priority ?? 0,
    correlationId: pr.correlationId ?? '',
    replyTo: pr.replyTo ?? '',
    expiration: pr.expiration ?? '',
    messageId: pr.messageId ?? '',
    timestamp: rfc3339(pr.timestamp),
    type: pr.type ?? '',
    appId: pr.appId ?? '',
    exchange: msg.fields.exchange,
    routingKey: msg.fields.routingKey,
    headers: pr.headers ?? {},
    body: argoBody(msg.content, plan.jsonBody),
  };
  if (plan.metadata) data.metadata = plan.metadata;
  return data;
}

/** `session` tells deliveries of different connections apart when there is no message-id. */
export function amqpEventDraft(plan: AmqpPlan, queue: string, session: string, msg: ConsumeMessage): EventDraft {
  const pr = msg.properties;
  const id =
    typeof pr.messageId === 'string' && pr.messageId !== ''
      ? `amqp:${plan.exchangeName}/${queue}/${pr.messageId}`
      : `amqp:${plan.exchangeName}/${queue}/delivery/${session}/${msg.fields.deliveryTag}`;
  const draft: EventDraft = { id, data: amqpEventData(plan, msg) };
  if (typeof pr.timestamp === 'number') draft.time = pr.timestamp * 1000;
  return draft;
}
