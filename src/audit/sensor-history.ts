// Every run of a Sensor workflow (continue-as-new makes a chain of them), oldest first, with
// its full history.
import type { Client } from '@temporalio/client';
import type { HistoryInput } from './replay-decisions.js';

export class SensorNotFoundError extends Error {
  constructor(workflowId: string) {
    super(`no history for ${workflowId}: is the Sensor name right? (list them with: eventide get sensors)`);
    this.name = 'SensorNotFoundError';
  }
}

export async function sensorHistories(client: Client, workflowId: string): Promise<HistoryInput[]> {
  const runs: { runId: string; start: number }[] = [];
  const query = `WorkflowId = '${workflowId.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for await (const wf of client.workflow.list({ query })) {
    runs.push({ runId: wf.runId, start: wf.startTime.getTime() });
  }
  if (runs.length === 0) throw new SensorNotFoundError(workflowId);
  runs.sort((a, b) => a.start - b.start || a.runId.localeCompare(b.runId));
  const out: HistoryInput[] = [];
  for (const r of runs) {
    const history = await client.workflow.getHandle(workflowId, r.runId).fetchHistory();
    out.push({ workflowId, history, label: r.runId });
  }
  return out;
}
