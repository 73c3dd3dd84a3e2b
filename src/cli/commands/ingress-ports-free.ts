// `eventide dev` needs every port its EventSources listen on: refuse to start, naming the port
// and its holder, when one is taken (the ingress would otherwise keep retrying it in the background).
import { buildRouteTable } from '../../ingress/route-table.js';
import type { EventSourceManifest, Manifest } from '../../vocabulary/manifest-types.js';
import { describePortHolder, portIsFree } from '../../temporal/port-holder.js';
import { CliError } from '../cli-error.js';

export async function assertIngressPortsFree(manifests: Manifest[], host: string): Promise<void> {
  const sources = manifests.filter((m): m is EventSourceManifest => m.kind === 'EventSource');
  const { byPort } = buildRouteTable(sources);
  for (const [port, endpoints] of [...byPort].sort(([a], [b]) => a - b)) {
    if (await portIsFree(host, port)) continue;
    const holder = describePortHolder(port);
    const users = [...new Set([...endpoints.values()].map((r) => `${r.source.namespace}/${r.source.name}`))];
    throw new CliError(
      `ingress port ${port} (EventSource ${users.join(', ')}) is already in use${holder ? ` by ${holder}` : ''}: ` +
        'stop that process or change the port in the EventSource',
      1,
    );
  }
}
