// The `pulsar` trigger: one message per fire on the producer shared by every fire to the same
// (url, topic, auth), through Pulsar's WebSocket API; the fire is done once the broker stored it.
// The fire's idempotency key travels as the `Idempotency-Key` message property (and in the send's
// context) so consumers can drop a retried fire's second copy.
import { Problems } from '../../../src/vocabulary/problems.js';
import type { Obj } from '../../../src/vocabulary/shape-checks.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import {
  pulsarConnectionKey,
  pulsarSocketOptions,
  topicSocketUrl,
} from '../../../src/sources/pulsar/pulsar-connection.js';
import type { TriggerRequest } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../../trigger-errors.js';
import { PulsarProducer } from './pulsar-producer.js';
import { readPulsarTrigger, type PulsarTriggerPlan } from './pulsar-trigger-spec.js';

const IDEMPOTENCY_PROPERTY = 'Idempotency-Key';
let sent = 0;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function planOf(req: TriggerRequest): PulsarTriggerPlan {
  const p = new Problems();
  const plan = readPulsarTrigger(p, (req.fire.template.pulsar ?? {}) as Obj, ['pulsar']);
  if (!plan) {
    const first = p.list[0];
    throw triggerConfigError(`pulsar trigger: ${first ? `${formatFieldPath(first.path)}: ${first.message}` : 'invalid'}`, req.attempt);
  }
  return plan;
}

export function producerKey(req: TriggerRequest): string {
  const plan = planOf(req);
  return JSON.stringify([pulsarConnectionKey(plan.connection), plan.topic.name]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the topic's producer, retrying with the trigger's connectionBackoff (Argo's). */
export async function openProducer(req: TriggerRequest): Promise<PulsarProducer> {
  const plan = planOf(req);
  let options;
  try {
    options = pulsarSocketOptions(plan.connection, req.services.secrets);
  } catch (e) {
    throw triggerConfigError(`pulsar trigger: ${message(e)}`, req.attempt);
  }
  const producer = new PulsarProducer(topicSocketUrl(plan.connection, 'producer', plan.topic), options);
  const b = plan.connection.backoff;
  let delay = b.durationMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await producer.connect();
      return producer;
    } catch (e) {
      if (attempt >= b.steps)
        throw retryableTriggerError(`pulsar trigger: cannot open a producer on ${plan.topic.name} at ${plan.connection.url}: ${message(e)}`, req.attempt);
      await sleep(delay * (1 + Math.random() * b.jitter));
      delay *= b.factor || 1;
    }
  }
}

function payloadBytes(payload: unknown): Buffer {
  if (payload === undefined) return Buffer.alloc(0);
  return Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
}

export async function pulsarTrigger(req: TriggerRequest, producer: PulsarProducer | undefined): Promise<unknown> {
  const plan = planOf(req);
  if (!producer) throw retryableTriggerError('pulsar trigger: no producer', req.attempt);
  const key = req.fire.idempotencyKey;
  try {
    const messageId = await producer.send({
      payload: payloadBytes(req.fire.payload),
      properties: { [IDEMPOTENCY_PROPERTY]: key },
      context: `${key}#${++sent}`,
    });
    return { topic: plan.topic.name, messageId };
  } catch (e) {
    throw retryableTriggerError(`pulsar trigger: sending to ${plan.topic.name} failed: ${message(e)}`, req.attempt);
  }
}
