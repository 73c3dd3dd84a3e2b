// Replays Sensor histories with the workflow bundle a tracing worker runs (the OpenTelemetry
// workflow interceptors bundled in), or the plain one: switching tracing on or off must not
// change how a recorded history replays.
import { createRequire } from 'node:module';
import { Worker } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { installRuntimeOnce } from '../../src/runtime/worker.js';
import { workflowBundle } from '../../src/temporal/workflow-bundle.js';

const require = createRequire(import.meta.url);
export const WORKFLOW_INTERCEPTORS =
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** The error of each history that does not replay (undefined when it does), in order. */
export async function replayErrors(
  histories: { workflowId: string; history: History }[],
  traced: boolean,
): Promise<(string | undefined)[]> {
  installRuntimeOnce();
  const noop = { fn: () => undefined };
  const errors: (string | undefined)[] = [];
  for await (const r of Worker.runReplayHistories(
    {
      workflowBundle: await workflowBundle(traced ? [WORKFLOW_INTERCEPTORS] : []),
      replayName: traced ? 'eventide-traced-replay' : 'eventide-plain-replay',
      sinks: { audit: { decision: noop }, ...(traced ? { exporter: { export: noop } } : {}) },
    },
    histories,
  ))
    errors.push(r.error?.message);
  return errors;
}
