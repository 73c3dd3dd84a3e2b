// eventide replay HISTORY.json…: replays stored Sensor histories against the current code and
// exits 1 if any would not replay (a determinism violation).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { replayDecisions, type HistoryInput } from '../../audit/replay-decisions.js';
import { CliError } from '../cli-error.js';

export function loadHistoryFile(path: string): HistoryInput {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read history ${path}: ${(e as Error).message}`, 1);
  }
  try {
    return { workflowId: basename(path, '.json'), history: historyFromJSON(raw), label: path };
  } catch (e) {
    throw new CliError(
      `${path} is not a Temporal history in JSON (save one with historyToJSON or temporal workflow show -o json): ${(e as Error).message}`,
      1,
    );
  }
}

export async function runReplay(paths: string[], out: (s: string) => void = console.log): Promise<void> {
  const inputs = paths.map(loadHistoryFile);
  const runs = await replayDecisions(inputs);
  let failed = 0;
  for (const r of runs) {
    if (r.error) {
      failed++;
      out(`FAIL ${r.label}: ${r.error}`);
    } else {
      out(`ok   ${r.label}: ${r.decisions.length} decisions replayed`);
    }
  }
  if (failed > 0) throw new CliError(`${failed} of ${runs.length} histories do not replay with this code`, 1);
}
