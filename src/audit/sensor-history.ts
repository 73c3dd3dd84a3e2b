// Every run of a Sensor workflow (continue-as-new makes a chain of them), oldest first, each
// history read page by page. Only one run's history is held at a time: the replayer needs a
// whole run, and a run is bounded by the Sensor's continue-as-new threshold, not by how many
// events the Sensor ever received.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
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

/**
 * Run ids of a workflow id, oldest first (small: one entry per run).
 *
 * The current chain is read from the executions themselves: the latest run from describe, then
 * each run's predecessor from its first history event (WorkflowExecutionStarted's
 * continuedExecutionRunId), one one-event history call per run. Visibility can lag a
 * continue-as-new (the newest runs missing) and chained runs can share a start millisecond, so
 * ordering by visibility's start time is neither complete nor reliable. Runs visibility lists
 * that are not on that chain (an older chain: a Sensor deleted and re-created under the same id)
 * come first, by start time.
 */
export async function sensorRunIds(
  client: Client,
  workflowId: string,
  /** only the newest this many runs (the walk stops there: one history call per run returned) */
  opts: { newest?: number } = {},
): Promise<string[]> {
  const newest = opts.newest ?? Infinity;
  // Visibility first, describe second: a run listed here is then either on the chain describe
  // leads to or older than it, never a newer run the walk below does not reach.
  const listed: { runId: string; start: number }[] = [];
  const query = `WorkflowId = '${workflowId.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for await (const wf of client.workflow.list({ query })) {
    listed.push({ runId: wf.runId, start: wf.startTime.getTime() });
  }
  let current: string | undefined;
  try {
    current = (await client.workflow.getHandle(workflowId).describe()).runId;
  } catch (e) {
    if (!(e instanceof WorkflowNotFoundError)) throw e;
  }
  if (current === undefined && listed.length === 0) throw new SensorNotFoundError(workflowId);
  const chain: string[] = [];
  const onChain = new Set<string>();
  let walkedAll = true;
  for (let runId = current; runId !== undefined && !onChain.has(runId); ) {
    if (chain.length >= newest) {
      walkedAll = false;
      break;
    }
    const previous = await predecessorRun(client, workflowId, runId);
    if (previous === null) break; // its history is gone (retention): so is everything before it
    chain.push(runId);
    onChain.add(runId);
    runId = previous;
  }
  chain.reverse();
  const older = walkedAll ? listed.filter((r) => !onChain.has(r.runId)) : [];
  older.sort((a, b) => a.start - b.start || a.runId.localeCompare(b.runId));
  const all = [...older.map((r) => r.runId), ...chain];
  return all.slice(Math.max(0, all.length - newest));
}

/** gRPC status 5, NOT_FOUND */
const NOT_FOUND = 5;

/**
 * The run this run continued from (continue-as-new, retry or cron), undefined for the first run
 * of a chain, null when the run's history is no longer there.
 */
async function predecessorRun(client: Client, workflowId: string, runId: string): Promise<string | undefined | null> {
  let res: proto.temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryResponse;
  try {
    res = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      maximumPageSize: 1,
    });
  } catch (e) {
    if ((e as { code?: unknown })?.code === NOT_FOUND) return null;
    throw e;
  }
  const started = res.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  return started?.continuedExecutionRunId || undefined;
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
