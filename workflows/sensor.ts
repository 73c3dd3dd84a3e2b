// One long-lived workflow per Sensor: a thin driver of the pure engine. Signals and timers go in,
// trigger activities come out; every decision the engine makes is reproducible from history.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxySinks,
  setHandler,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { initialState, nextWakeAt, step } from '../src/engine/index.js';
import type { CloudEvent } from '../src/engine/cloudevent.js';
import type { Decision, EngineInput, FireEffect } from '../src/engine/types.js';
import type { SensorSpec } from '../src/vocabulary/manifest-types.js';
import type { TriggerActivities } from '../activities/run-trigger.js';
import type { AuditSinks } from './audit-sinks.js';
import type { TriggerOutcome } from '../activities/run-trigger.js';
import {
  decisionsQuery,
  deleteSignal,
  eventSignal,
  specSignal,
  stateQuery,
  type SensorWorkflowInput,
} from '../src/vocabulary/sensor-api.js';
import { markSpecUpdated } from './mark-updated.js';
import { boundedSensorWorkflow } from './bounded-sensor.js';

/** Runs recorded before this marker keep the unbounded driver below, so they replay unchanged. */
const BOUNDED_DRIVER_PATCH = 'sensor-bounded-driver-v1';

type Queued =
  | { kind: 'event'; event: CloudEvent }
  | { kind: 'spec'; spec: SensorSpec }
  | {
      kind: 'result';
      fireId: string;
      outcome: 'succeeded' | 'failed';
      attempts?: number;
      error?: string;
      detail?: unknown;
    };

const DEFAULT_HISTORY_LIMIT = 10_000;
const { audit } = proxySinks<AuditSinks>();

export async function sensorWorkflow(input: SensorWorkflowInput): Promise<void> {
  if (patched(BOUNDED_DRIVER_PATCH)) return boundedSensorWorkflow(input);
  return legacySensorWorkflow(input);
}

// The driver of runs started before BOUNDED_DRIVER_PATCH: kept only so their histories replay.
async function legacySensorWorkflow(input: SensorWorkflowInput): Promise<void> {
  const options = input.options ?? {};
  const historyLimit = options.historyEventLimit ?? DEFAULT_HISTORY_LIMIT;
  const keepDecisions = options.recentDecisions ?? 500;
  const state = input.state ?? initialState(input.sensor, input.spec, Date.now());
  const queue: Queued[] = (input.pending ?? []).map((event) => ({ kind: 'event', event }));
  const recent: Decision[] = [...(input.recentDecisions ?? [])];
  let deleted = false;
  let running = 0;

  setHandler(eventSignal, (events) => {
    for (const event of Array.isArray(events) ? events : [events]) queue.push({ kind: 'event', event });
  });
  setHandler(specSignal, (spec) => {
    queue.push({ kind: 'spec', spec });
  });
  setHandler(deleteSignal, () => {
    deleted = true;
  });
  setHandler(stateQuery, () => state);
  setHandler(decisionsQuery, (limit) => recent.slice(-(limit ?? keepDecisions)));

  const workflowId = workflowInfo().workflowId;
  const record = (decisions: Decision[]) => {
    for (const d of decisions) {
      recent.push(d);
      audit.decision(workflowId, d);
    }
    if (recent.length > keepDecisions) recent.splice(0, recent.length - keepDecisions);
  };

  const runFire = (fire: FireEffect) => {
    running++;
    const timeoutMs = options.triggerTimeoutMs ?? 60_000;
    const { runTrigger } = proxyActivities<TriggerActivities>({
      startToCloseTimeout: timeoutMs,
      // A worker that dies mid-trigger is noticed by its missing heartbeat, not after the full timeout.
      heartbeatTimeout: options.triggerHeartbeatTimeoutMs ?? 10_000,
      retry: {
        maximumAttempts: fire.retry.maximumAttempts,
        initialInterval: fire.retry.initialIntervalMs,
        backoffCoefficient: fire.retry.backoffCoefficient,
        nonRetryableErrorTypes: ['TriggerConfigError'],
      },
    });
    runTrigger({ sensor: state.sensor, fire })
      .then((r: TriggerOutcome) =>
        queue.push({
          kind: 'result',
          fireId: fire.fireId,
          outcome: 'succeeded',
          attempts: r.attempt,
          detail: r.detail,
        }),
      )
      .catch((err: unknown) => {
        const cause = err instanceof ActivityFailure ? err.cause : err;
        const message = cause instanceof Error ? cause.message : String(cause);
        const attempts =
          cause instanceof ApplicationFailure &&
          typeof (cause.details?.[0] as { attempt?: unknown })?.attempt === 'number'
            ? (cause.details![0] as { attempt: number }).attempt
            : fire.retry.maximumAttempts;
        queue.push({ kind: 'result', fireId: fire.fireId, outcome: 'failed', attempts, error: message });
      })
      .finally(() => {
        running--;
      });
  };

  const apply = (engineInput: EngineInput) => {
    const r = step(state, engineInput);
    record(r.decisions);
    for (const e of r.effects) runFire(e);
  };

  // Held events from before a restart may already have expired; let the engine catch up first.
  apply({ kind: 'tick', now: Date.now() });

  for (;;) {
    const wake = nextWakeAt(state);
    const waitMs = wake === undefined ? undefined : Math.max(0, wake - Date.now());
    const mustRoll = () =>
      workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;
    const ready = () => queue.length > 0 || (deleted && running === 0) || (mustRoll() && running === 0);
    const woke = waitMs === undefined ? (await condition(ready), true) : await condition(ready, waitMs);
    while (queue.length > 0) {
      const item = queue.shift()!;
      const now = Date.now();
      switch (item.kind) {
        case 'event': {
          const received =
            typeof item.event?.eventidereceived === 'string' ? Date.parse(item.event.eventidereceived) : NaN;
          // An event stamped by the ingress counts from when it was received, which orders it
          // correctly against timers that fell due while no worker was running.
          apply({
            kind: 'event',
            now: Number.isNaN(received) ? now : Math.min(now, received),
            event: item.event,
          });
          break;
        }
        case 'spec':
          apply({ kind: 'spec', now, spec: item.spec });
          upsertMemo({ spec: item.spec });
          markSpecUpdated();
          break;
        case 'result': {
          const { kind: _kind, ...result } = item;
          apply({ kind: 'result', now, ...result });
          break;
        }
      }
    }
    if (!woke || (wake !== undefined && wake <= Date.now())) apply({ kind: 'tick', now: Date.now() });
    if (deleted && running === 0 && queue.length === 0) {
      log.info('sensor deleted', { sensor: state.sensor });
      return;
    }
    if (mustRoll() && running === 0 && queue.length === 0) {
      await condition(allHandlersFinished);
      if (queue.length > 0) continue;
      await continueAsNew<typeof sensorWorkflow>({
        sensor: state.sensor,
        spec: state.spec,
        state,
        pending: [],
        recentDecisions: recent,
        options,
      });
    }
  }
}
