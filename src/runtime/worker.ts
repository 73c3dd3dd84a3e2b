// The Eventide worker: Sensor and EventSource workflows plus trigger (and listener) activities.
import { connectionSecurityFromEnv } from '../temporal/connection-security.js';
import { setFlagsFromString } from 'node:v8';
import { NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { createTriggerActivities } from '../../activities/run-trigger.js';
import { createDeliveryActivities } from '../../activities/deliver-events.js';
import { createSourceListenerActivities } from '../../activities/source-listener.js';
import { createHookActivities } from '../../activities/manage-hooks.js';
import { createYieldActivities } from '../../activities/yield-task.js';
import type { TriggerServices } from '../../activities/trigger-context.js';
import { workflowBundle } from '../temporal/workflow-bundle.js';
import { logger } from '../logging/logger.js';
import { temporalLogger } from '../logging/temporal-logger.js';
import { recordDecision } from '../metrics/record-decision.js';
import { coreMetricsBindAddress, coreMetricsInstalled } from '../metrics/temporal-core-metrics.js';
import { activeTracing } from '../tracing/tracing.js';

export interface EventideWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  client: Client;
  services: Omit<TriggerServices, 'temporal'>;
  /** passed through to Worker.create (tests shorten shutdown, etc.) */
  overrides?: Partial<WorkerOptions>;
}

let runtimeInstalled = false;

/**
 * The SDK logs at INFO by default, bundler output included; keep the worker quiet unless asked
 * (EVENTIDE_WORKER_LOG_LEVEL), through Eventide's pino logger. With metrics enabled the core's
 * Prometheus exporter is bound to the loopback address /metrics re-serves.
 */
export function installRuntimeOnce(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level = (process.env.EVENTIDE_WORKER_LOG_LEVEL ?? 'WARN').toUpperCase() as LogLevel;
  const bindAddress = coreMetricsBindAddress();
  try {
    Runtime.install({
      logger: temporalLogger(logger(), level),
      ...(bindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress } } } } : {}),
    });
    if (bindAddress) coreMetricsInstalled();
  } catch {
    // Already installed by the embedding program: keep its logger.
  }
}

/** With EVENTIDE_LOG_DECISIONS=1 a live worker prints every Sensor decision as a JSON line. */
function decisionSinks() {
  const enabled = process.env.EVENTIDE_LOG_DECISIONS === '1';
  return {
    audit: {
      decision: {
        fn: (_info: unknown, workflowId: string, decision: unknown) => {
          recordDecision(workflowId, decision);
          if (enabled)
            process.stdout.write(
              `${JSON.stringify({ level: 'info', msg: 'decision', sensor: workflowId, decision })}\n`,
            );
        },
        callDuringReplay: false,
      },
    },
  };
}

/**
 * Sensors kept in the worker's sticky cache: EVENTIDE_MAX_CACHED_WORKFLOWS, default 100. Each
 * costs ~1.5 MB of RSS while cached; an evicted Sensor replays its run's history on its next
 * task. Measured (README "Performance"): 1,000 idle Sensors settle at 295 MB with 10 and 370 MB
 * with 100, but with 10 a fan-out of 50 busy Sensors thrashed (each task a full replay; the
 * bench did not finish in 10 min), so the default favours busy fleets.
 */
function cachedWorkflowLimit(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerSetting(env.EVENTIDE_MAX_CACHED_WORKFLOWS, 100);
}

/** A worker setting from the environment: a positive whole number, else the default. */
function positiveIntegerSetting(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Wall-clock limit on one workflow activation inside the SDK's V8 context:
 * EVENTIDE_WORKFLOW_ISOLATE_TIMEOUT_MS, default 15 s (the SDK's is 5 s). Sensor tasks are bounded
 * in items and bytes and take milliseconds, but on a CPU-starved machine (measured: load 26 on 2
 * cores) a short activation exceeded 5 s of wall time, and the SDK's timeout firing inside Node's
 * async hooks aborts the whole process ("async hook stack has become corrupted"), taking every
 * Sensor on the worker with it. A longer limit still catches a workflow that really loops.
 */
export function isolateTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerSetting(env.EVENTIDE_WORKFLOW_ISOLATE_TIMEOUT_MS, 15_000);
}

/**
 * Young-generation size (MB per semi-space) of the V8 isolate the SDK starts for workflows:
 * EVENTIDE_WORKFLOW_SEMI_SPACE_MB, default 1 (V8's is 16). Set with setFlagsFromString before
 * Worker.create starts that thread, so only isolates created afterwards take it; measured with
 * 1,000 idle Sensors it trims the worker's RSS (README "Performance").
 */
export function workflowSemiSpaceMb(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerSetting(env.EVENTIDE_WORKFLOW_SEMI_SPACE_MB, 1);
}

export async function createEventideWorker(
  o: EventideWorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntimeOnce();
  setFlagsFromString(`--max-semi-space-size=${workflowSemiSpaceMb()}`);
  const connection = await NativeConnection.connect({ address: o.address, ...connectionSecurityFromEnv() });
  // With tracing on (README "Tracing"): the traced workflow bundle, activity interceptors, span sink.
  const tracing = activeTracing();
  const worker = await Worker.create({
    connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    workflowBundle: await workflowBundle(tracing ? [tracing.workflowInterceptorModule] : []),
    activities: {
      ...createTriggerActivities({ ...o.services, temporal: o.client }),
      ...createDeliveryActivities(o.client),
      ...createSourceListenerActivities(o.client, undefined, o.services.secrets),
      ...createHookActivities(o.services.secrets),
      ...createYieldActivities(),
    },
    sinks: { ...decisionSinks(), ...tracing?.workflowSinks },
    ...(tracing ? { interceptors: tracing.workerInterceptors } : {}),
    shutdownGraceTime: '5s',
    // After a worker dies, its sticky workflows move to another worker after this long.
    stickyQueueScheduleToStartTimeout: '3s',
    // Each cached Sensor costs ~1.5 MB of worker RSS (measured, bench/idle-rss.ts); idle Sensors
    // beyond this are evicted and replayed from history on their next event (README "Performance").
    maxCachedWorkflows: cachedWorkflowLimit(),
    // Not in WorkerOptions' type, but Worker.create reads it (worker-options.js lets it override
    // its 5 s default); see isolateTimeoutMs.
    ...({ isolateExecutionTimeout: isolateTimeoutMs() } as object),
    ...o.overrides,
  });
  return { worker, connection };
}
