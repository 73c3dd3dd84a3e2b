// Replays Sensor workflow histories through the current workflow code and collects every
// decision it makes. Used by `eventide explain` (the audit) and `eventide replay` (the
// determinism check), so both run exactly the code a live worker runs.
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { Decision } from '../engine/types.js';
import { installRuntimeOnce } from '../temporal/worker.js';
import { workflowBundle } from '../temporal/workflow-bundle.js';

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
  decisions: Decision[];
  /** set when the current code does not replay this history (nondeterminism or a failure) */
  error?: string;
}

export async function replayDecisions(inputs: HistoryInput[]): Promise<ReplayedRun[]> {
  installRuntimeOnce();
  let current: Decision[] = [];
  const options: ReplayWorkerOptions = {
    workflowBundle: await workflowBundle(),
    replayName: 'eventide-audit',
    sinks: {
      audit: {
        decision: {
          fn: (_info: unknown, _workflowId: string, d: Decision) => {
            // Detach from the workflow sandbox's realm: callers compare and serialise these.
            current.push(JSON.parse(JSON.stringify(d)) as Decision);
          },
          callDuringReplay: true,
        },
      },
    },
  };
  const out: ReplayedRun[] = [];
  // One history at a time, so each run's decisions are attributed to it.
  for (const input of inputs) {
    current = [];
    const iter = Worker.runReplayHistories(options, [
      { workflowId: input.workflowId, history: input.history },
    ]);
    for await (const result of iter) {
      const run: ReplayedRun = {
        label: input.label,
        workflowId: result.workflowId,
        runId: result.runId,
        decisions: current,
      };
      if (result.error) run.error = result.error.message;
      out.push(run);
    }
  }
  return out;
}
