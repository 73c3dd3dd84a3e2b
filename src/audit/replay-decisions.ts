// Replays Sensor workflow histories through the current workflow code and collects every
// decision it makes. Used by `eventide explain` (the audit) and `eventide replay` (the
// determinism check), so both run exactly the code a live worker runs.
//
// Only decisions of workflow tasks that history shows completed are reported. Replaying a
// history that ends in a task still in flight (no worker, a worker stopped mid-task, a task that
// failed and awaits its retry) runs that task too, and its decisions, fires included, have not
// happened: Temporal recorded none of their effects. Tasks that failed or timed out are folded
// by the replayer into the next task, whose completion is the one that counts.
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { WorkflowInfo } from '@temporalio/workflow';
import proto from '@temporalio/proto';
import type { Decision } from '../engine/types.js';
import { installRuntimeOnce } from '../runtime/worker.js';
import { workflowBundle } from '../temporal/workflow-bundle.js';

const EventType = proto.temporal.api.enums.v1.EventType;

export interface HistoryInput {
  workflowId: string;
  history: History;
  /** where it came from (file name or run id), for reports */
  label: string;
}

export interface ReplayedRun {
  label: string;
  workflowId: string;
  runId: string;
  /** decisions of the workflow tasks that completed, in order */
  decisions: Decision[];
  /** decisions the replay made in a task history does not show completed (left out of `decisions`) */
  uncommitted: number;
  /** set when the current code does not replay this history (nondeterminism or a failure) */
  error?: string;
}

/**
 * Where the task still in flight at the end of a history begins: the WorkflowTaskScheduled id of
 * the last task with no completion after it, or Infinity when every task completed. A sink call
 * carries the workflowInfo of its activation, whose historyLength is at least that task's
 * scheduled id (during replay as live) and below it for every earlier task. (Matching each call
 * to a completed task's started id exactly lost a decision of a run's last task, whose
 * activation's historyLength runs past its started id.)
 */
function inFlightTaskStart(history: History): number {
  let open = Infinity;
  for (const ev of history.events ?? []) {
    if (ev.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED && open === Infinity)
      open = Number(ev.eventId);
    else if (ev.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) open = Infinity;
  }
  return open;
}

/** Replays the histories one at a time (the next is pulled only after the previous is reported). */
export async function* replayRuns(
  inputs: Iterable<HistoryInput> | AsyncIterable<HistoryInput>,
): AsyncGenerator<ReplayedRun> {
  installRuntimeOnce();
  let decisions: Decision[] = [];
  let uncommitted = 0;
  let inFlightFrom = Infinity;
  let label = '';
  const options: ReplayWorkerOptions = {
    workflowBundle: await workflowBundle(),
    replayName: 'eventide-audit',
    sinks: {
      audit: {
        decision: {
          fn: (info: WorkflowInfo, _workflowId: string, d: Decision) => {
            if (info.historyLength >= inFlightFrom) {
              uncommitted++;
              return;
            }
            // Detach from the workflow sandbox's realm: callers compare and serialise these.
            decisions.push(JSON.parse(JSON.stringify(d)) as Decision);
          },
          callDuringReplay: true,
        },
      },
    },
  };
  async function* histories() {
    for await (const input of inputs) {
      decisions = [];
      uncommitted = 0;
      inFlightFrom = inFlightTaskStart(input.history);
      label = input.label;
      yield { workflowId: input.workflowId, history: input.history };
    }
  }
  for await (const result of Worker.runReplayHistories(options, histories())) {
    const run: ReplayedRun = {
      label,
      workflowId: result.workflowId,
      runId: result.runId,
      decisions,
      uncommitted,
    };
    if (result.error) run.error = result.error.message;
    yield run;
  }
}

export async function replayDecisions(
  inputs: Iterable<HistoryInput> | AsyncIterable<HistoryInput>,
): Promise<ReplayedRun[]> {
  const out: ReplayedRun[] = [];
  for await (const run of replayRuns(inputs)) out.push(run);
  return out;
}
