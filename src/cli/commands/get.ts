// eventide get sensors|eventsources [-n NS] [-o json|yaml|wide]: a table with each resource's live
// status (get-table.ts), or the manifests as a List.
import type { Client } from '@temporalio/client';
import { stringify } from 'yaml';
import { listResources, type ResourceKind } from '../../control/resources.js';
import type { EventSourceStatus, SensorStatus } from '../../dashboard/dashboard-model.js';
import { TemporalDashboardSource } from '../../dashboard/temporal-source.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';
import { eventSourceTable, sensorTable } from './get-table.js';

const KINDS: Record<string, ResourceKind> = {
  sensor: 'Sensor',
  sensors: 'Sensor',
  eventsource: 'EventSource',
  eventsources: 'EventSource',
};

const FORMATS = ['json', 'yaml', 'wide'];

export function kindFromWord(word: string): ResourceKind {
  const k = KINDS[word.toLowerCase()];
  if (!k) throw new CliError(`unknown resource ${JSON.stringify(word)}: use sensors or eventsources`, 1);
  return k;
}

/** The status rows of one kind (the dashboard's reads), in one namespace when given. */
async function statuses(
  client: Client,
  kind: ResourceKind,
  namespace: string | undefined,
): Promise<(SensorStatus | EventSourceStatus)[]> {
  const source = new TemporalDashboardSource(client);
  const all = kind === 'Sensor' ? await source.sensors() : await source.eventSources();
  return all.filter((s) => namespace === undefined || s.namespace === namespace);
}

export async function runGet(
  word: string,
  opts: { namespace?: string; output?: string },
  out: (s: string) => void = console.log,
  now: () => number = Date.now,
): Promise<void> {
  const kind = kindFromWord(word);
  if (opts.output && !FORMATS.includes(opts.output)) {
    throw new CliError(`unknown output format ${JSON.stringify(opts.output)}: use ${FORMATS.join(', ')}`, 1);
  }
  const t = await connectFromEnv();
  try {
    if (opts.output === 'json' || opts.output === 'yaml') {
      const items = (await listResources(t.client, kind, opts.namespace)).sort((a, b) =>
        `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
      );
      const list = { apiVersion: 'v1', kind: 'List', items: items.map((i) => i.manifest) };
      out(opts.output === 'json' ? JSON.stringify(list, null, 2) : stringify(list));
      return;
    }
    const rows = await statuses(t.client, kind, opts.namespace);
    if (rows.length === 0) {
      out(`No ${kind === 'Sensor' ? 'sensors' : 'eventsources'} found.`);
      return;
    }
    const wide = opts.output === 'wide';
    const lines =
      kind === 'Sensor'
        ? sensorTable(rows as SensorStatus[], now(), wide)
        : eventSourceTable(rows as EventSourceStatus[], now(), wide);
    for (const l of lines) out(l);
  } finally {
    await t.connection.close();
  }
}
