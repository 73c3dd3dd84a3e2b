// The Eventide worker: Sensor and EventSource workflows plus trigger (and listener) activities.
import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type LogLevel,
  type WorkerOptions,
} from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { createTriggerActivities } from '../../activities/run-trigger.js';
import { createDeliveryActivities } from '../../activities/deliver-events.js';
import type { TriggerServices } from '../../activities/trigger-context.js';
import { LUA_WORKFLOW_BUNDLER_OPTIONS } from '../lang/lua/workflow-bundler-options.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

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

/** The SDK logs at INFO by default, bundler output included; keep the worker quiet unless asked. */
function installRuntimeOnce(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level = (process.env.EVENTIDE_WORKER_LOG_LEVEL ?? 'WARN').toUpperCase() as LogLevel;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // Already installed by the embedding program: keep its logger.
  }
}

export async function createEventideWorker(
  o: EventideWorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntimeOnce();
  const connection = await NativeConnection.connect({ address: o.address });
  const worker = await Worker.create({
    connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: {
      ...createTriggerActivities({ ...o.services, temporal: o.client }),
      ...createDeliveryActivities(o.client),
    },
    // fengari (Lua filters run inside the workflow) needs defines to load in the sandbox.
    bundlerOptions: LUA_WORKFLOW_BUNDLER_OPTIONS,
    shutdownGraceTime: '5s',
    ...o.overrides,
  });
  return { worker, connection };
}
