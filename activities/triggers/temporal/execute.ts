// The `temporal` trigger (Eventide's own): starts a workflow, or signal-with-starts it, on the
// worker's Temporal connection. The workflow id defaults to one derived from the fire's
// idempotency key, so a retried trigger finds the workflow it already started.
import type { TriggerImpl } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../../trigger-errors.js';

interface TemporalTriggerSpec {
  workflowType?: string;
  taskQueue?: string;
  workflowId?: string;
  /** workflow arguments; without them the built payload (if any) is the single argument */
  args?: unknown[];
  /** when set, signal-with-start: the payload is the signal's argument */
  signalName?: string;
  /** Temporal namespace; defaults to the worker's */
  namespace?: string;
}

export const temporalTrigger: TriggerImpl = async ({ fire, attempt, services }) => {
  const spec = (fire.template.temporal ?? {}) as TemporalTriggerSpec;
  if (!spec.workflowType) throw triggerConfigError('temporal trigger: workflowType is required', attempt);
  if (!spec.taskQueue) throw triggerConfigError('temporal trigger: taskQueue is required', attempt);
  const client = services.temporal;
  if (!client) throw retryableTriggerError('temporal trigger: no Temporal client in this worker', attempt);
  if (spec.namespace && spec.namespace !== client.options.namespace) {
    throw triggerConfigError(
      `temporal trigger: namespace ${spec.namespace} differs from the worker's (${client.options.namespace}); run a worker there`,
      attempt,
    );
  }
  const workflowId = spec.workflowId || `eventide-${fire.idempotencyKey}`;
  // With the id derived from the fire, a run that already ended must not be started again by a
  // retry. A user-chosen id (one per customer, say) may start a fresh run once the last ended.
  const reuse = spec.workflowId ? {} : { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const };
  const args = Array.isArray(spec.args)
    ? spec.args
    : fire.payload !== undefined && !spec.signalName
      ? [fire.payload]
      : [];
  try {
    if (spec.signalName) {
      const handle = await client.workflow.signalWithStart<(...a: unknown[]) => Promise<unknown>, unknown[]>(
        spec.workflowType,
        {
          workflowId,
          taskQueue: spec.taskQueue,
          args,
          signal: spec.signalName,
          signalArgs: (fire.payload !== undefined ? [fire.payload] : []) as unknown[],
          ...reuse,
        },
      );
      return { workflowId, runId: handle.signaledRunId, signaled: spec.signalName };
    }
    const handle = await client.workflow.start(spec.workflowType, {
      workflowId,
      taskQueue: spec.taskQueue,
      args,
      workflowIdConflictPolicy: 'USE_EXISTING',
      ...reuse,
    });
    return { workflowId, runId: handle.firstExecutionRunId };
  } catch (e) {
    // Loaded here, not at the top: `eventide validate` must not load the Temporal client.
    const { WorkflowExecutionAlreadyStartedError } = await import('@temporalio/client');
    if (e instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, alreadyStarted: true };
    throw retryableTriggerError(`temporal trigger: ${(e as Error).message}`, attempt);
  }
};
