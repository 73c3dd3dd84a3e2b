// eventide get sensors|eventsources [-n NS] [-o json|yaml]
import { stringify } from 'yaml';
import { listResources, type ResourceKind } from '../../control/resources.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';

const KINDS: Record<string, ResourceKind> = {
  sensor: 'Sensor',
  sensors: 'Sensor',
  eventsource: 'EventSource',
  eventsources: 'EventSource',
};

export function kindFromWord(word: string): ResourceKind {
  const k = KINDS[word.toLowerCase()];
  if (!k) throw new CliError(`unknown resource ${JSON.stringify(word)}: use sensors or eventsources`, 1);
  return k;
}

export async function runGet(
  word: string,
  opts: { namespace?: string; output?: string },
  out: (s: string) => void = console.log,
): Promise<void> {
  const kind = kindFromWord(word);
  if (opts.output && !['json', 'yaml', 'wide'].includes(opts.output)) {
    throw new CliError(`unknown output format ${JSON.stringify(opts.output)}: use json or yaml`, 1);
  }
  const t = await connectFromEnv();
  try {
    const items = (await listResources(t.client, kind, opts.namespace)).sort((a, b) =>
      `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
    );
    if (opts.output === 'json') {
      out(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: items.map((i) => i.manifest) }, null, 2));
      return;
    }
    if (opts.output === 'yaml') {
      out(stringify({ apiVersion: 'v1', kind: 'List', items: items.map((i) => i.manifest) }));
      return;
    }
    if (items.length === 0) {
      out(`No ${kind === 'Sensor' ? 'sensors' : 'eventsources'} found.`);
      return;
    }
    const rows = items.map((i) => [i.namespace, i.name, i.startTime.toISOString(), i.workflowId]);
    const header = ['NAMESPACE', 'NAME', 'SINCE', 'WORKFLOW'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    for (const r of [header, ...rows])
      out(
        r
          .map((cell, c) => cell.padEnd(widths[c]!))
          .join('   ')
          .trimEnd(),
      );
  } finally {
    await t.connection.close();
  }
}
