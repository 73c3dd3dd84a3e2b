// Every run of a Sensor workflow (continue-as-new makes a chain of them), oldest first, each
// history read page by page. Only one run's history is held at a time: the replayer needs a
// whole run, and a run is bounded by the Sensor's continue-as-new threshold, not by how many
// events the Sensor ever received.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { HistoryInput } from './replay-decisions.js';

type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;

/** Events asked for per page; a page of large events that passes the gRPC limit is asked for again in halves. */
const DEFAULT_HISTORY_PAGE_SIZE = 250;

export class SensorNotFoundError extends Error {
  constructor(workflowId: string) {
    super(`no history for ${workflowId}: is the Sensor name right? (list them with: eventide get sensors)`);
    this.name = 'SensorNotFoundError';
  }
}

export interface HistoryPaging {
  /** events per GetWorkflowExecutionHistory page */
  pageSize?: number;
}

/** Run ids of a workflow id, oldest first (small: one entry per run). */
export async function sensorRunIds(client: Client, workflowId: string): Promise<string[]> {
  const runs: { runId: string; start: number }[] = [];
  const query = `WorkflowId = '${workflowId.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for await (const wf of client.workflow.list({ query })) {
    runs.push({ runId: wf.runId, start: wf.startTime.getTime() });
  }
  if (runs.length === 0) throw new SensorNotFoundError(workflowId);
  runs.sort((a, b) => a.start - b.start || a.runId.localeCompare(b.runId));
  return runs.map((r) => r.runId);
}

/** gRPC status 8, RESOURCE_EXHAUSTED: what the client reports for a reply over its message limit */
const RESOURCE_EXHAUSTED = 8;

function tooLarge(e: unknown): boolean {
  return (e as { code?: unknown })?.code === RESOURCE_EXHAUSTED;
}

/** The pages of one run's history, as they arrive. */
export async function* runHistoryPages(
  client: Client,
  workflowId: string,
  runId: string,
  paging: HistoryPaging = {},
): AsyncGenerator<HistoryEvent[]> {
  let pageSize = Math.max(1, paging.pageSize ?? DEFAULT_HISTORY_PAGE_SIZE);
  let nextPageToken: Uint8Array | undefined;
  do {
    let res: proto.temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse;
    try {
      res = await client.workflowService.getWorkflowExecutionHistory({
        namespace: client.options.namespace,
        execution: { workflowId, runId },
        maximumPageSize: pageSize,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
    } catch (e) {
      // Events can be up to 2 MB each: ask for fewer rather than fail past the 4 MB message limit.
      if (tooLarge(e) && pageSize > 1) {
        pageSize = Math.max(1, Math.floor(pageSize / 2));
        continue;
      }
      throw e;
    }
    const events = res.history?.events ?? [];
    if (events.length > 0) yield events;
    nextPageToken = res.nextPageToken && res.nextPageToken.length > 0 ? res.nextPageToken : undefined;
  } while (nextPageToken);
}

/** One run's whole history, read page by page. */
export async function runHistory(
  client: Client,
  workflowId: string,
  runId: string,
  paging: HistoryPaging = {},
): Promise<HistoryInput> {
  const events: HistoryEvent[] = [];
  for await (const page of runHistoryPages(client, workflowId, runId, paging)) {
    for (const ev of page) events.push(ev);
  }
  return { workflowId, history: { events }, label: runId };
}

/** The runs' histories one by one, oldest first; the next run is read only when asked for. */
async function* sensorRunHistories(
  client: Client,
  workflowId: string,
  paging: HistoryPaging = {},
): AsyncGenerator<HistoryInput> {
  for (const runId of await sensorRunIds(client, workflowId)) {
    yield await runHistory(client, workflowId, runId, paging);
  }
}

/** Every run's history at once (recording test histories; small Sensors only). */
export async function sensorHistories(
  client: Client,
  workflowId: string,
  paging: HistoryPaging = {},
): Promise<HistoryInput[]> {
  const out: HistoryInput[] = [];
  for await (const h of sensorRunHistories(client, workflowId, paging)) out.push(h);
  return out;
}
