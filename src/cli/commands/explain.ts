// eventide explain sensor NAME [-n NS] [--since T] [-o json]: every decision of a Sensor,
// rebuilt by replaying its Temporal history through the current code. Only what history shows
// happened is reported: decisions of workflow tasks that completed.
import { runHistory, sensorRunIds, SensorNotFoundError } from '../../audit/sensor-history.js';
import { replayRuns } from '../../audit/replay-decisions.js';
import { formatDecision } from '../../audit/format-decision.js';
import { parseGoDuration } from '../../lang/duration/index.js';
import { sensorWorkflowId } from '../../vocabulary/sensor-api.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';

/**
 * The server keeps a batch of events whole within a page (signals that arrived during one task
 * come as one batch), so a page can pass gRPC's default 4 MB even when few events are asked for.
 */
const MAX_HISTORY_MESSAGE_BYTES = 128 * 1024 * 1024;

export function parseSince(since: string | undefined, now = Date.now()): number | undefined {
  if (since === undefined) return undefined;
  const t = Date.parse(since);
  if (!Number.isNaN(t)) return t;
  try {
    return now - parseGoDuration(since);
  } catch {
    throw new CliError(
      `--since ${JSON.stringify(since)} is neither a time (2024-05-01T10:00:00Z) nor a duration (15m)`,
      1,
    );
  }
}

export interface ExplainOptions {
  namespace?: string;
  since?: string;
  output?: string;
  /** history events per page (tests use small pages to exercise paging) */
  pageSize?: number;
}

/**
 * Streams the audit: each run of the Sensor's continue-as-new chain is read page by page,
 * replayed, printed and let go before the next is read, so memory is bounded by one run.
 */
export async function runExplain(
  word: string,
  name: string,
  opts: ExplainOptions,
  out: (s: string) => void = console.log,
  note: (s: string) => void = console.error,
): Promise<void> {
  if (!/^sensors?$/.test(word))
    throw new CliError(`explain works on sensors: eventide explain sensor ${name}`, 1);
  if (opts.output && opts.output !== 'json')
    throw new CliError(`unknown output format ${JSON.stringify(opts.output)}: use json`, 1);
  const since = parseSince(opts.since);
  const json = opts.output === 'json';
  const t = await connectFromEnv({ maxReceiveMessageBytes: MAX_HISTORY_MESSAGE_BYTES });
  try {
    const id = sensorWorkflowId(opts.namespace ?? 'default', name);
    // Fail on an unknown Sensor before printing anything.
    let runIds: string[];
    try {
      runIds = await sensorRunIds(t.client, id);
    } catch (e) {
      if (e instanceof SensorNotFoundError) throw new CliError(e.message, 1);
      throw e;
    }
    const paging = opts.pageSize !== undefined ? { pageSize: opts.pageSize } : {};
    async function* histories() {
      for (const runId of runIds) yield await runHistory(t.client, id, runId, paging);
    }
    const runs: { runId: string; error?: string }[] = [];
    let shown = 0;
    let uncommitted = 0;
    if (json) out(`{\n  "sensor": ${JSON.stringify(id)},\n  "decisions": [`);
    for await (const run of replayRuns(histories())) {
      runs.push(run.error ? { runId: run.runId, error: run.error } : { runId: run.runId });
      uncommitted += run.uncommitted;
      for (const d of run.decisions) {
        if (since !== undefined && d.at < since) continue;
        out(json ? `${shown > 0 ? '    ,' : '    '}${JSON.stringify(d)}` : formatDecision(d));
        shown++;
      }
    }
    if (json) out(`  ],\n  "runs": ${JSON.stringify(runs)}\n}`);
    else if (shown === 0) out('no decisions in that period');
    if (uncommitted > 0) {
      note(
        `${uncommitted} decision(s) of a workflow task not yet completed are not shown: they take effect only ` +
          'when a worker completes that task (is the worker running?)',
      );
    }
    const broken = runs.filter((r) => r.error);
    if (broken.length > 0) {
      throw new CliError(
        `the current code does not replay ${broken.length} run(s) of ${id} (${broken[0]!.error}); the audit may be incomplete`,
        1,
      );
    }
  } finally {
    await t.connection.close();
  }
}
