// eventide explain sensor NAME [-n NS] [--since T] [-o json]: every decision of a Sensor,
// rebuilt by replaying its Temporal history through the current code.
import { sensorHistories, SensorNotFoundError } from '../../audit/sensor-history.js';
import { replayDecisions } from '../../audit/replay-decisions.js';
import { formatDecision } from '../../audit/format-decision.js';
import { parseGoDuration } from '../../lang/duration/index.js';
import { sensorWorkflowId } from '../../../workflows/sensor-api.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';

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

export async function runExplain(
  word: string,
  name: string,
  opts: { namespace?: string; since?: string; output?: string },
  out: (s: string) => void = console.log,
): Promise<void> {
  if (!/^sensors?$/.test(word))
    throw new CliError(`explain works on sensors: eventide explain sensor ${name}`, 1);
  if (opts.output && opts.output !== 'json')
    throw new CliError(`unknown output format ${JSON.stringify(opts.output)}: use json`, 1);
  const since = parseSince(opts.since);
  const t = await connectFromEnv();
  try {
    const id = sensorWorkflowId(opts.namespace ?? 'default', name);
    let histories;
    try {
      histories = await sensorHistories(t.client, id);
    } catch (e) {
      if (e instanceof SensorNotFoundError) throw new CliError(e.message, 1);
      throw e;
    }
    const runs = await replayDecisions(histories);
    const decisions = runs.flatMap((r) => r.decisions).filter((d) => since === undefined || d.at >= since);
    const broken = runs.filter((r) => r.error);
    if (opts.output === 'json') {
      out(
        JSON.stringify(
          { sensor: id, runs: runs.map((r) => ({ runId: r.runId, error: r.error })), decisions },
          null,
          2,
        ),
      );
    } else {
      for (const d of decisions) out(formatDecision(d));
      if (decisions.length === 0) out('no decisions in that period');
    }
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
