// The process's Prometheus metrics (prom-client). Argo's names where Argo has one
// (argo_events_*, same labels), so existing dashboards and alerts keep working; Eventide's own
// as eventide_*. One registry per process: the ingress, the trigger activity and the decision
// sink all record here, and `/metrics` serves it (plus the Temporal SDK's, see metrics-server).
import { Counter, Histogram, Registry, Summary } from 'prom-client';

export const registry = new Registry();

const ES = ['namespace', 'eventsource_name', 'event_name'] as const;
const TRIGGER = ['namespace', 'sensor_name', 'trigger_name'] as const;
const MS_PERCENTILES = [0.5, 0.9, 0.99];

export const eventsSent = new Counter({
  name: 'argo_events_events_sent_total',
  help: 'Events delivered: every signal holding them was accepted by the subscribed Sensors.',
  labelNames: ES,
  registers: [registry],
});
export const eventsSentFailed = new Counter({
  name: 'argo_events_events_sent_failed_total',
  help: 'Events a Sensor signal failed for (the sender was answered 503 to retry).',
  labelNames: ES,
  registers: [registry],
});
export const eventsProcessingFailed = new Counter({
  name: 'argo_events_events_processing_failed_total',
  help: 'Requests or events refused (bad body, signature, limits), including argo_events_events_sent_failed_total.',
  labelNames: ES,
  registers: [registry],
});
export const eventProcessingDuration = new Summary({
  name: 'argo_events_event_processing_duration_milliseconds',
  help: 'From receiving an event to every subscribed Sensor holding it, ms.',
  labelNames: ES,
  percentiles: MS_PERCENTILES,
  registers: [registry],
});
export const eventsUnrouted = new Counter({
  name: 'eventide_events_unrouted_total',
  help: 'Events accepted while no Sensor subscribed to them (answered status no-sensors; not kept).',
  labelNames: ES,
  registers: [registry],
});
export const eventsFiltered = new Counter({
  name: 'eventide_events_filtered_total',
  help: 'Events dropped by the EventSource filter before reaching any Sensor.',
  labelNames: ES,
  registers: [registry],
});
export const ingressRequestDuration = new Histogram({
  name: 'eventide_ingress_request_duration_seconds',
  help: 'Ingress HTTP requests, from arrival to the answer, by route and status code.',
  labelNames: [...ES, 'code'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
export const signalBatchSize = new Histogram({
  name: 'eventide_signal_batch_events',
  help: 'Events per `event` signal sent to a Sensor (coalesced while a signal is in flight).',
  buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
  registers: [registry],
});

export const actionTriggered = new Counter({
  name: 'argo_events_action_triggered_total',
  help: 'Trigger attempts that succeeded.',
  labelNames: TRIGGER,
  registers: [registry],
});
export const actionFailed = new Counter({
  name: 'argo_events_action_failed_total',
  help: 'Trigger attempts that failed (each retry counts).',
  labelNames: TRIGGER,
  registers: [registry],
});
export const actionRetriesFailed = new Counter({
  name: 'argo_events_action_retries_failed_total',
  help: 'Triggers that gave up: every attempt failed, or the failure was not retryable.',
  labelNames: TRIGGER,
  registers: [registry],
});
export const actionDuration = new Summary({
  name: 'argo_events_action_duration_milliseconds',
  help: 'Duration of one trigger attempt, ms.',
  labelNames: TRIGGER,
  percentiles: MS_PERCENTILES,
  registers: [registry],
});

export const eventsHeld = new Counter({
  name: 'eventide_events_held_total',
  help: 'Events a trigger holds while it waits for its other dependencies (correlation).',
  labelNames: TRIGGER,
  registers: [registry],
});
export const heldExpired = new Counter({
  name: 'eventide_held_events_expired_total',
  help: 'Held events dropped by a correlation window or a conditions reset.',
  labelNames: TRIGGER,
  registers: [registry],
});
export const firesRateLimited = new Counter({
  name: 'eventide_fires_rate_limited_total',
  help: 'Fires queued by a trigger rate limit.',
  labelNames: TRIGGER,
  registers: [registry],
});
export const dlqFires = new Counter({
  name: 'eventide_dlq_fires_total',
  help: 'dlqTrigger fires (a trigger gave up and its dead-letter trigger fired).',
  labelNames: TRIGGER,
  registers: [registry],
});
export const sensorDecisions = new Counter({
  name: 'eventide_sensor_decisions_total',
  help: 'Decisions Sensors recorded, by kind (event, held, fired, fire-failed, rate-limited, expired, reset, result).',
  labelNames: ['namespace', 'sensor_name', 'kind'],
  registers: [registry],
});

