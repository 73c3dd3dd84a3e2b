// The Sensor driver that stays within Temporal's limits whatever the load (README "How a Sensor
// stays within Temporal's limits"):
// - each workflow task handles a bounded chunk of queued work (task-budget.ts) and yields with
//   when more is left (a no-op activity; a 1 ms timer before the `sensor-yield-activity`
//   patch), so a backlog never makes a task long or its completion large;
// - at most `maxInflightFires` trigger activities run at once; later fires wait here, in order;
// - it continues-as-new before history events, history bytes or signals per run reach Temporal's
//   limits: it stops taking new events, lets the fires already decided finish, and carries the
//   unprocessed events, engine state and a byte-bounded ring of decision summaries.
// The engine itself (src/engine) is unchanged: this file only decides when to call it.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxySinks,
  setHandler,
  sleep,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { initialState, nextWakeAt, step } from '../src/engine/index.js';
import type { CloudEvent } from '../src/engine/cloudevent.js';
import type { Decision, EngineInput, FireEffect } from '../src/engine/types.js';
import type { SensorSpec } from '../src/vocabulary/manifest-types.js';
import type { AuditSinks } from './audit-sinks.js';
import type { YieldActivities } from '../activities/yield-task.js';
import {
  decisionsQuery,
  deleteSignal,
  eventSignal,
  specSignal,
  stateQuery,
  type SensorWorkflowInput,
} from '../src/vocabulary/sensor-api.js';
import { runFire, type FireResult } from './fire-runner.js';
import { runFireBatch } from './fire-batch-runner.js';
import { beginTask, jsonBytes, DEFAULT_TASK_LIMITS } from './task-budget.js';
import { carriedDecisions, DecisionRing, decisionsWithin } from './decision-summaries.js';
import { markSpecUpdated } from './mark-updated.js';
import { EventTraces } from '../src/tracing/event-traces.js';
import type { FireTrace } from '../src/tracing/trace-context.js';

type Queued =
  { kind: 'event'; event: CloudEvent; bytes: number } | { kind: 'spec'; spec: SensorSpec; bytes: number };

const DEFAULTS = {
  historyEventLimit: 10_000,
  maxInflightFires: 100,
  signalLimit: 5_000,
  historyBytesLimit: 16 * 1024 * 1024,
  carryBudgetBytes: 1024 * 1024,
  recentDecisions: 500,
};
/** Share of the carry budget the decision summaries may use. */
const SUMMARY_SHARE = 0.125;
/** Past these, roll with whatever fits rather than be terminated by Temporal (51,200 / 50 MB). */
const HARD_HISTORY_EVENTS = 40_000;
const HARD_HISTORY_BYTES = 40 * 1024 * 1024;
/** Temporal rejects a payload over 2 MB: never send more than this. */
const PAYLOAD_CEILING = 1_900_000;
/**
 * From this patch on, a task's byte budget counts only what goes into its completion (scheduled
 * fires, spec memos), not the events it read: those are already in history. With large event
 * bodies the old accounting yielded after a handful of events, and the drain fell behind.
 */
const COMPLETION_BYTES_PATCH = 'sensor-task-budget-completion-bytes';
const COMPLETION_BYTES_PER_TASK = 1536 * 1024;
/** From this patch on, fires waiting together go out as one runTriggerBatch activity. */
const BATCHED_FIRES_PATCH = 'sensor-batched-fires';
const FIRES_PER_BATCH = 25;
/** From this patch on, each fire carries the trace context of its events to the trigger activity. */
const TRACE_CONTEXT_PATCH = 'sensor-fire-trace-context';
const BATCH_BYTES = 256 * 1024;
/**
 * From this patch on, a task that leaves work for the next one ends by scheduling the no-op
 * `sensorYield` activity instead of a 1 ms timer: Temporal fires timers on a coarse clock
 * (~0.9 s measured), an activity completes in milliseconds (activities/yield-task.ts).
 */
const YIELD_ACTIVITY_PATCH = 'sensor-yield-activity';
/** The live decisions ring keeps full records for this many bytes, summaries beyond. */
const RING_FULL_BYTES = 2 * 1024 * 1024;
/** A query answer stays below Temporal's 2 MB blob limit. */
const QUERY_ANSWER_BYTES = 1_500_000;

const { audit } = proxySinks<AuditSinks>();
const { sensorYield } = proxyActivities<YieldActivities>({
  startToCloseTimeout: '10s',
  // A yield lost with its worker is sent again; it can only time out, never fail.
  retry: { initialInterval: '100ms', backoffCoefficient: 2, maximumInterval: '5s' },
});

export async function boundedSensorWorkflow(input: SensorWorkflowInput): Promise<void> {
  const options = input.options ?? {};
  const historyLimit = options.historyEventLimit ?? DEFAULTS.historyEventLimit;
  const maxInflight = Math.max(1, options.maxInflightFires ?? DEFAULTS.maxInflightFires);
  const signalLimit = options.signalLimit ?? DEFAULTS.signalLimit;
  const historyBytesLimit = options.historyBytesLimit ?? DEFAULTS.historyBytesLimit;
  const carryBudget = Math.min(options.carryBudgetBytes ?? DEFAULTS.carryBudgetBytes, PAYLOAD_CEILING);
  const keepDecisions = options.recentDecisions ?? DEFAULTS.recentDecisions;
  const completionBytesOnly = patched(COMPLETION_BYTES_PATCH);
  const batchFires = patched(BATCHED_FIRES_PATCH);
  const traces = patched(TRACE_CONTEXT_PATCH) ? new EventTraces() : undefined;
  const yieldByActivity = patched(YIELD_ACTIVITY_PATCH);
  const taskLimits = {
    items: options.eventsPerTask ?? DEFAULT_TASK_LIMITS.items,
    bytes: completionBytesOnly ? COMPLETION_BYTES_PER_TASK : DEFAULT_TASK_LIMITS.bytes,
  };
  /** bytes an item read this task counts against the budget */
  const readBytes = (bytes: number) => (completionBytesOnly ? 0 : bytes);

  const state = input.state ?? initialState(input.sensor, input.spec, Date.now());
  const queue: Queued[] = [];
  let queuedBytes = 0;
  const enqueue = (item: Queued) => {
    queue.push(item);
    queuedBytes += item.bytes;
  };
  for (const event of input.pending ?? []) enqueue({ kind: 'event', event, bytes: jsonBytes(event) });
  const results: FireResult[] = [];
  /** fires the engine decided that wait for a free slot, oldest first */
  const waiting: FireEffect[] = [];
  const ring = new DecisionRing(input.recentDecisions ?? [], keepDecisions, RING_FULL_BYTES);
  const recent = ring.items;
  let running = 0;
  let deleted = false;
  let signals = 0;

  setHandler(eventSignal, (events) => {
    signals++;
    for (const event of Array.isArray(events) ? events : [events]) {
      enqueue({ kind: 'event', event, bytes: jsonBytes(event) });
    }
  });
  setHandler(specSignal, (spec) => {
    signals++;
    enqueue({ kind: 'spec', spec, bytes: jsonBytes(spec) });
  });
  setHandler(deleteSignal, () => {
    signals++;
    deleted = true;
  });
  setHandler(stateQuery, () => state);
  setHandler(decisionsQuery, (limit) => decisionsWithin(recent.slice(-(limit ?? keepDecisions)), QUERY_ANSWER_BYTES));

  const workflowId = workflowInfo().workflowId;
  const record = (decisions: Decision[]) => {
    for (const d of decisions) {
      ring.push(d);
      audit.decision(workflowId, d);
    }
  };
  const apply = (engineInput: EngineInput) => {
    const r = step(state, engineInput);
    record(r.decisions);
    waiting.push(...r.effects);
  };

  const rollDue = () => {
    const info = workflowInfo();
    return (
      info.continueAsNewSuggested ||
      info.historyLength >= historyLimit ||
      info.historySize >= historyBytesLimit ||
      signals >= signalLimit
    );
  };
  const mustRollNow = () => {
    const info = workflowInfo();
    return info.historyLength >= HARD_HISTORY_EVENTS || info.historySize >= HARD_HISTORY_BYTES;
  };
  // While rolling, new events stay queued (they are carried) unless they would not fit: then
  // they drain (and fire) until what is left fits.
  let drainTarget = carryBudget / 2;
  /** a roll found nothing to do and did not fit: wait for new input before trying again */
  let rollBlocked = false;
  const mayDrain = () => waiting.length < maxInflight && (!rollDue() || queuedBytes > drainTarget);
  const hasWork = () =>
    results.length > 0 || (waiting.length > 0 && running < maxInflight) || (queue.length > 0 && mayDrain());
  const idle = () => running === 0 && waiting.length === 0 && results.length === 0;

  const settle = (r: FireResult) => {
    running--;
    results.push(r);
  };
  const dispatch = (budget: ReturnType<typeof beginTask>) => {
    while (waiting.length > 0 && running < maxInflight && !budget.exhausted()) {
      if (!batchFires || waiting.length === 1) {
        const fire = waiting.shift()!;
        budget.charge(0, jsonBytes(fire));
        running++;
        void runFire(state.sensor, fire, options, 0, traces?.forFire(fire)).then(settle);
        continue;
      }
      // Several fires wait: send as many as fit one batch (count, bytes, free slots).
      const batch: FireEffect[] = [];
      let bytes = 0;
      while (waiting.length > 0 && batch.length < FIRES_PER_BATCH && running + batch.length < maxInflight) {
        const size = jsonBytes(waiting[0]);
        if (batch.length > 0 && bytes + size > BATCH_BYTES) break;
        batch.push(waiting.shift()!);
        bytes += size;
      }
      budget.charge(0, bytes);
      running += batch.length;
      let batchTraces: Record<string, FireTrace> | undefined;
      for (const f of batch) {
        const t = traces?.forFire(f);
        if (t) (batchTraces ??= {})[f.fireId] = t;
      }
      for (const p of runFireBatch(state.sensor, batch, options, batchTraces)) void p.then(settle);
    }
  };

  const handle = (item: Queued) => {
    const now = Date.now();
    if (item.kind === 'spec') {
      apply({ kind: 'spec', now, spec: item.spec });
      upsertMemo({ spec: item.spec });
      markSpecUpdated();
      return;
    }
    const received =
      typeof item.event?.eventidereceived === 'string' ? Date.parse(item.event.eventidereceived) : NaN;
    traces?.remember(item.event);
    // An event stamped by the ingress counts from when it was received, which orders it
    // correctly against timers that fell due while no worker was running.
    apply({ kind: 'event', now: Number.isNaN(received) ? now : Math.min(now, received), event: item.event });
  };

  // Held events from before a restart may already have expired; let the engine catch up first.
  apply({ kind: 'tick', now: Date.now() });

  for (;;) {
    const budget = beginTask(taskLimits);
    try {
      // Results first: they free slots and may decide dlqTrigger fires.
      while (results.length > 0 && !budget.exhausted()) {
        const r = results.shift()!;
        budget.charge(1, readBytes(jsonBytes(r.detail)));
        apply({ kind: 'result', now: Date.now(), ...r });
      }
      dispatch(budget);
      while (queue.length > 0 && mayDrain() && !budget.exhausted()) {
        const item = queue.shift()!;
        queuedBytes -= item.bytes;
        budget.charge(1, item.kind === 'spec' ? item.bytes : readBytes(item.bytes));
        handle(item);
        // With batching, fires decided across this chunk go out together after it.
        if (!batchFires) dispatch(budget);
      }
      const wake = nextWakeAt(state);
      if (wake !== undefined && wake <= Date.now()) apply({ kind: 'tick', now: Date.now() });
      dispatch(budget);
    } finally {
      budget.end();
    }

    if (hasWork()) {
      // More to do than one task may: end this task; what it schedules wakes the next one.
      // With the patch: whichever comes first of the yield activity and the timer (the activity
      // may wait for a slot on a worker busy with triggers; the timer bounds that wait).
      if (yieldByActivity) await Promise.race([sensorYield().catch(() => undefined), sleep(1)]);
      else await sleep(1);
      continue;
    }
    if (deleted && idle() && queue.length === 0) {
      log.info('sensor deleted', { sensor: state.sensor });
      return;
    }
    if (rollDue() && idle() && !rollBlocked) {
      await condition(allHandlersFinished);
      const carried = hasWork() ? undefined : carry();
      if (carried) await continueAsNew<typeof boundedSensorWorkflow>(carried);
      rollBlocked = !hasWork();
      continue;
    }
    const wake = nextWakeAt(state);
    const ready = () =>
      hasWork() || (deleted && idle() && queue.length === 0) || (rollDue() && idle() && !rollBlocked);
    if (wake === undefined) await condition(ready);
    else await condition(ready, Math.max(1, wake - Date.now()));
    if (hasWork()) rollBlocked = false;
  }

  /** The next run's input, or undefined when it does not fit yet (then events keep draining). */
  function carry(): SensorWorkflowInput | undefined {
    // A spec update still queued is applied now: it is small and the next run starts from it.
    for (const item of queue.filter((q) => q.kind === 'spec')) handle(item);
    for (let i = queue.length - 1; i >= 0; i--)
      if (queue[i]!.kind === 'spec') queuedBytes -= queue.splice(i, 1)[0]!.bytes;
    if (waiting.length > 0) return undefined;
    const pending = queue.map((q) => (q as Extract<Queued, { kind: 'event' }>).event);
    const base = { sensor: state.sensor, spec: state.spec, state, pending, options };
    const baseBytes = jsonBytes(base);
    const summaryBudget = Math.max(0, Math.min(carryBudget * SUMMARY_SHARE, carryBudget - baseBytes));
    const summaries = carriedDecisions(recent, summaryBudget);
    const size = baseBytes + jsonBytes(summaries);
    const hard = mustRollNow();
    if ((size > carryBudget && !hard) || size > PAYLOAD_CEILING) {
      // Too much to carry: handle (and fire) queued events until the rest fits, then roll.
      drainTarget = Math.floor(Math.min(drainTarget, queuedBytes) / 2);
      log.warn('sensor carry over its byte budget; draining events before continue-as-new', {
        sensor: state.sensor,
        size,
        carryBudget,
        queued: queue.length,
      });
      return undefined;
    }
    log.info('sensor continues as new', { sensor: state.sensor, size, pending: pending.length, signals });
    return { ...base, recentDecisions: summaries };
  }
}
