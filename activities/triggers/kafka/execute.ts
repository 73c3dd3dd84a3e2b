// The `kafka` trigger: one message per fire, sent on the shared producer and acknowledged (per
// requiredAcks) before the fire counts as done. The fire's idempotency key travels as the
// `Idempotency-Key` header so consumers can drop a retried fire's second copy.
// kafkajs is loaded when a producer first connects, so `eventide validate` does not load it.
import type { Producer } from 'kafkajs';
import { Problems } from '../../../src/vocabulary/problems.js';
import type { Obj } from '../../../src/vocabulary/shape-checks.js';
import { formatFieldPath } from '../../../src/vocabulary/field-path.js';
import { kafkaConnectionKey, kafkajsConfig } from '../../../src/sources/kafka/kafka-connection.js';
import type { TriggerRequest } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../../trigger-errors.js';
import { readKafkaTrigger, type KafkaTriggerPlan } from './kafka-trigger-spec.js';

const IDEMPOTENCY_HEADER = 'Idempotency-Key';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The fire's plan (its template after parameters); a config error when it cannot work. */
function planOf(req: TriggerRequest): KafkaTriggerPlan {
  const p = new Problems();
  const plan = readKafkaTrigger(p, (req.fire.template.kafka ?? {}) as Obj, ['kafka']);
  if (!plan) {
    const first = p.list[0];
    throw triggerConfigError(
      `kafka trigger: ${first ? `${formatFieldPath(first.path)}: ${first.message}` : 'invalid'}`,
      req.attempt,
    );
  }
  return plan;
}

export function producerKey(req: TriggerRequest): string {
  return kafkaConnectionKey(planOf(req).connection);
}

export async function openProducer(req: TriggerRequest): Promise<Producer> {
  const plan = planOf(req);
  let config;
  try {
    config = kafkajsConfig(plan.connection, req.services.secrets, 'eventide-trigger');
  } catch (e) {
    throw triggerConfigError(`kafka trigger: ${message(e)}`, req.attempt);
  }
  const { Kafka, logLevel } = await import('kafkajs');
  const kafka = new Kafka({
    ...config,
    logLevel: logLevel.NOTHING,
    // Temporal's retry policy retries the fire; kafkajs retries only briefly underneath it.
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
    connectionTimeout: 5000,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  try {
    await producer.connect();
  } catch (e) {
    throw retryableTriggerError(
      `kafka trigger: cannot connect to ${plan.connection.brokers.join(',')}: ${message(e)}`,
      req.attempt,
    );
  }
  return producer;
}

function payloadBytes(payload: unknown): string {
  if (payload === undefined) return '';
  return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

export async function kafkaTrigger(req: TriggerRequest, producer: Producer | undefined): Promise<unknown> {
  const plan = planOf(req);
  if (!producer) throw triggerConfigError('kafka trigger: no producer', req.attempt);
  const headers: Record<string, string> = { ...plan.headers };
  try {
    for (const h of plan.secureHeaders) headers[h.name] = req.services.secrets.get(h.secret);
  } catch (e) {
    throw triggerConfigError(`kafka trigger: ${message(e)}`, req.attempt);
  }
  headers[IDEMPOTENCY_HEADER] = req.fire.idempotencyKey;
  const { CompressionTypes } = await import('kafkajs');
  try {
    const [meta] = await producer.send({
      topic: plan.topic,
      acks: plan.acks,
      timeout: 10_000,
      // Argo compresses with Snappy; kafkajs ships only GZIP without an extra codec.
      ...(plan.compress ? { compression: CompressionTypes.GZIP } : {}),
      messages: [
        {
          value: payloadBytes(req.fire.payload),
          headers,
          ...(plan.partitioningKey !== undefined ? { key: plan.partitioningKey } : {}),
          ...(plan.partition !== undefined && plan.partitioningKey === undefined
            ? { partition: plan.partition }
            : {}),
        },
      ],
    });
    return { topic: plan.topic, partition: meta?.partition, offset: meta?.baseOffset };
  } catch (e) {
    throw retryableTriggerError(
      `kafka trigger: sending to topic ${plan.topic} failed: ${message(e)}`,
      req.attempt,
    );
  }
}
