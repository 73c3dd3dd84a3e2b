// A port app (fastify, no Temporal) serving the routes of one EventSource manifest, with a fake
// dispatch that records what would have been signaled. For the push-source unit tests.
import type { FastifyInstance } from 'fastify';
import { buildPortApp } from '../../../src/ingress/port-app.js';
import { buildRouteTable } from '../../../src/ingress/route-table.js';
import { validateText } from '../../../src/manifest/validate-manifest.js';
import { formatLocatedProblem } from '../../../src/vocabulary/problems.js';
import type { EventSourceManifest } from '../../../src/vocabulary/manifest-types.js';
import { createSecretStore, secretEnvName } from '../../../src/secrets/secret-store.js';
import type { EventDraft, RouteSpec, SourceServices } from '../../../src/sources/source-type.js';
import { stringify } from 'yaml';

export interface Dispatched {
  route: RouteSpec;
  drafts: EventDraft[];
}

export interface SaasPortApp {
  app: FastifyInstance;
  dispatched: Dispatched[];
  /** data of every dispatched event, in order */
  events(): unknown[];
}

/** `{name, key, value}` triples → the env a secret store reads. */
export function secretsEnv(
  ...secrets: { name: string; key: string; value: string }[]
): Record<string, string> {
  return Object.fromEntries(secrets.map((s) => [secretEnvName(s), s.value]));
}

export function eventSource(name: string, spec: Record<string, unknown>) {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'EventSource', metadata: { name }, spec };
}

export function saasPortApp(
  manifest: object,
  opts: { port: number; secrets?: Record<string, string>; fetch?: typeof fetch } = { port: 12000 },
): SaasPortApp {
  const report = validateText('test.yaml', stringify(manifest));
  if (report.problems.length > 0) throw new Error(report.problems.map(formatLocatedProblem).join('\n'));
  const table = buildRouteTable([manifest as EventSourceManifest]);
  const routes = table.byPort.get(opts.port);
  if (!routes) throw new Error(`the manifest has no route on port ${opts.port}`);
  const dispatched: Dispatched[] = [];
  const services: SourceServices = {
    secrets: createSecretStore({ env: opts.secrets ?? {}, dir: '/nonexistent' }),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  };
  const app = buildPortApp({
    port: opts.port,
    bodyLimit: Math.max(...[...routes.values()].map((r) => r.maxPayloadSize)),
    lookup: (path) => routes.get(path),
    services,
    dispatch: async (route, drafts) => {
      dispatched.push({ route, drafts });
      return { ok: true, ids: drafts.map((d, i) => d.id ?? `random-${dispatched.length}-${i}`), sensors: 1 };
    },
  });
  return { app, dispatched, events: () => dispatched.flatMap((d) => d.drafts.map((x) => x.data)) };
}
