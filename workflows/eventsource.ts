// One workflow per EventSource: it holds the current spec (the ingress reads it from the memo)
// and drives the sources that are not pushed to us: calendar events as durable timers, file
// events as long-running listener activities. Spec updates restart only what changed.
import {
  ActivityCancellationType,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  sleep,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { canonicalJson } from '../src/engine/stable-json.js';
import type { EventSourceSpec } from '../src/manifest/types.js';
import type { DeliveryActivities } from '../activities/deliver-events.js';
import type { FileListenerActivities } from '../activities/file-listener.js';
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
} from './eventsource-api.js';
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

function fileListener(options: EventSourceWorkflowOptions) {
  return proxyActivities<FileListenerActivities>({
    // It runs until cancelled; the heartbeat is what tells a dead listener from a live one.
    startToCloseTimeout: '3650d',
    heartbeatTimeout: options.listenerHeartbeatTimeoutMs ?? DEFAULT_LISTENER_HEARTBEAT_TIMEOUT_MS,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '30s',
      nonRetryableErrorTypes: ['FileSourceConfigError'],
    },
  }).listenFiles;
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
  const listenFiles = fileListener(options);
  for (const [eventName, config] of Object.entries(blockOf(spec, 'file'))) {
    const origin = { source, sourceType: 'file', eventName };
    runners.push({
      key: `file/${eventName}`,
      fingerprint: canonicalJson(config),
      run: async () => {
        // The listener only returns if something unexpected ends it: start it again.
        for (;;) {
          await listenFiles({ origin, config });
          log.warn('file listener returned; restarting it', { event: eventName });
          await sleep('1s');
        }
      },
    });
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
