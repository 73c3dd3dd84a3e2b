// An SQS message as Argo's SQSEventData ({messageId, messageAttributes, body, metadata}), with an
// id from the MessageId so a redelivered message is deduplicated by the Sensors. Pure.
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { EventDraft } from '../source-type.js';
import type { SqsPlan } from './sqs-config.js';

/** aws-sdk-go's MessageAttributeValue as encoding/json writes it: every field, nil as null, bytes as base64. */
interface ArgoMessageAttribute {
  BinaryListValues: string[] | null;
  BinaryValue: string | null;
  DataType: string | null;
  StringListValues: string[] | null;
  StringValue: string | null;
}

interface SqsEventData {
  messageId: string;
  messageAttributes: Record<string, ArgoMessageAttribute> | null;
  body: unknown;
  metadata?: Record<string, string>;
}

const base64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

function attribute(v: MessageAttributeValue): ArgoMessageAttribute {
  return {
    BinaryListValues: v.BinaryListValues?.length ? v.BinaryListValues.map(base64) : null,
    BinaryValue: v.BinaryValue ? base64(v.BinaryValue) : null,
    DataType: v.DataType ?? null,
    StringListValues: v.StringListValues?.length ? v.StringListValues : null,
    StringValue: v.StringValue ?? null,
  };
}

export type SqsMapping = { ok: true; draft: EventDraft } | { ok: false; reason: string };

/**
 * Argo's payload for a message. With jsonBody the body is the parsed JSON; a body that is not
 * JSON cannot be an event (Argo fails to marshal it), so it is refused with the reason. Without
 * jsonBody the body is the bytes, which Go's JSON writes as base64.
 */
export function sqsEvent(plan: SqsPlan, m: Message): SqsMapping {
  const bodyText = m.Body ?? '';
  let body: unknown;
  if (plan.jsonBody) {
    try {
      body = JSON.parse(bodyText);
    } catch (e) {
      return { ok: false, reason: `body is not JSON (jsonBody is true): ${(e as Error).message}` };
    }
  } else {
    body = Buffer.from(bodyText, 'utf8').toString('base64');
  }
  const attrs = m.MessageAttributes;
  const data: SqsEventData = {
    messageId: m.MessageId ?? '',
    messageAttributes:
      attrs && Object.keys(attrs).length > 0
        ? Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, attribute(v)]))
        : null,
    body,
    ...(plan.metadata ? { metadata: plan.metadata } : {}),
  };
  const sent = Number(m.Attributes?.SentTimestamp);
  return {
    ok: true,
    draft: {
      data,
      id: `sqs:${m.MessageId}`,
      ...(Number.isFinite(sent) && sent > 0 ? { time: sent } : {}),
    },
  };
}
