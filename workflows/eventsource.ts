// One workflow per EventSource: it holds the current spec (the ingress reads it from the memo)
// and drives the sources that are not pushed to us: calendar events as durable timers, and every
// listener type (run-modes.ts) as one generic long-running listener activity per event. Spec
// updates restart only what changed.
import {
  ActivityCancellationType,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { canonicalJson } from '../src/engine/stable-json.js';
import type { EventSourceSpec } from '../src/vocabulary/manifest-types.js';
import type { DeliveryActivities } from '../activities/deliver-events.js';
import type { SourceListenerActivities } from '../activities/source-listener.js';
import { typesRunAs } from '../src/sources/run-modes.js';
import { LISTENER_NON_RETRYABLE } from '../src/sources/listener-common/listener-failures.js';
import { runCalendarEvent } from './calendar-runner.js';
import { RunnerSet, type RunnerSpec } from './source-runners.js';
import { hookRunners, removeStaleHooks } from './hook-runners.js';
import {
  eventSourceDeleteSignal,
  eventSourceSpecQuery,
  eventSourceSpecSignal,
  eventSourceStateQuery,
  type EventSourceRef,
  type EventSourceState,
  type EventSourceWorkflowInput,
  type EventSourceWorkflowOptions,
} from '../src/vocabulary/eventsource-api.js';
import { markSpecUpdated } from './mark-updated.js';

const DEFAULT_HISTORY_LIMIT = 10_000;
// The SDK sends heartbeats (and so learns of cancellation) at most every 80% of this.
const DEFAULT_LISTENER_HEARTBEAT_TIMEOUT_MS = 5_000;

const { deliverEvents } = proxyActivities<DeliveryActivities>({
  // Delivery is a few signals; a worker that died mid-delivery is noticed quickly.
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '15s' },
});

function blockOf(spec: EventSourceSpec, type: string): Record<string, Record<string, unknown>> {
  const block = spec[type];
  return typeof block === 'object' && block !== null
    ? (block as Record<string, Record<string, unknown>>)
    : {};
}

/** Before this patch the only listener, file, ran as the `listenFiles` activity. */
const GENERIC_LISTENER_PATCH = 'eventide-generic-source-listener';

function listenerActivities(options: EventSourceWorkflowOptions) {
  return proxyActivities<SourceListenerActivities>({
    // It runs until cancelled; the heartbeat is what tells a dead listener from a live one.
    startToCloseTimeout: '3650d',
    heartbeatTimeout: options.listenerHeartbeatTimeoutMs ?? DEFAULT_LISTENER_HEARTBEAT_TIMEOUT_MS,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '30s',
      nonRetryableErrorTypes: [...LISTENER_NON_RETRYABLE],
    },
  });
}

function listenerRunner(
  source: EventSourceRef,
  type: string,
  eventName: string,
  config: Record<string, unknown>,
  activities: SourceListenerActivities,
): RunnerSpec {
  return {
    key: `${type}/${eventName}`,
    fingerprint: canonicalJson(config),
    run: async () => {
      // Decided once per runner: a file listener started before the patch keeps its activity.
      const generic = type !== 'file' || patched(GENERIC_LISTENER_PATCH);
      // The listener only returns if something unexpected ends it: start it again.
      for (;;) {
        if (generic) await activities.runSourceListener({ source, type, eventName, config });
        else await activities.listenFiles({ origin: { source, sourceType: type, eventName }, config });
        log.warn('source listener returned; restarting it', { type, event: eventName });
        await sleep('1s');
      }
    },
  };
}

function runnersFor(
  source: EventSourceRef,
  spec: EventSourceSpec,
  state: EventSourceState,
  options: EventSourceWorkflowOptions,
): RunnerSpec[] {
  const runners: RunnerSpec[] = [];
  for (const [eventName, config] of Object.entries(blockOf(spec, 'calendar'))) {
    runners.push({
      key: `calendar/${eventName}`,
      fingerprint: canonicalJson(config),
      run: () => runCalendarEvent({ source, eventName, config, state, deliver: deliverEvents }),
    });
  }
  const activities = listenerActivities(options);
  for (const type of typesRunAs('listener')) {
    for (const [eventName, config] of Object.entries(blockOf(spec, type))) {
      runners.push(listenerRunner(source, type, eventName, config, activities));
    }
  }
  return runners;
}

/** Drops the progress of calendar events the spec no longer has. */
function pruneState(state: EventSourceState, spec: EventSourceSpec): void {
  const names = new Set(Object.keys(blockOf(spec, 'calendar')));
  for (const name of Object.keys(state.calendar)) if (!names.has(name)) delete state.calendar[name];
}

export async function eventSourceWorkflow(input: EventSourceWorkflowInput): Promise<void> {
  const options = input.options ?? {};
  const historyLimit = options.historyEventLimit ?? DEFAULT_HISTORY_LIMIT;
  const state: EventSourceState = input.state ?? { calendar: {} };
  const runners = new RunnerSet();
  let spec = input.spec;
  let specVersion = 0;
  let deleted = false;
  setHandler(eventSourceSpecSignal, (next) => {
    spec = next;
    specVersion++;
    upsertMemo({ spec });
    markSpecUpdated();
  });
  setHandler(eventSourceDeleteSignal, () => {
    deleted = true;
  });
  setHandler(eventSourceSpecQuery, () => spec);
  setHandler(eventSourceStateQuery, () => ({ state, runners: runners.keys() }));

  const mustRoll = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;
  let applied = spec;
  for (;;) {
    const seen = specVersion;
    pruneState(state, spec);
    await removeStaleHooks(input.source, applied, spec);
    applied = spec;
    await runners.sync([
      ...runnersFor(input.source, spec, state, options),
      ...hookRunners(input.source, spec),
    ]);
    await condition(() => deleted || specVersion !== seen || mustRoll());
    if (deleted || mustRoll()) break;
  }
  await runners.stopAll();
  if (deleted) {
    await removeStaleHooks(input.source, spec, undefined);
    return;
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof eventSourceWorkflow>({ source: input.source, spec, state, options });
}
