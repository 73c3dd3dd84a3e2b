// eventide dev: everything in one process on an embedded Temporal dev server, applying the
// manifests of --config (default config/). Ctrl-C stops it all.
import { existsSync } from 'node:fs';
import { startEventide } from '../../runtime/start-eventide.js';
import { temporalSettingsFromEnv } from '../../temporal/config.js';
import { CliError } from '../cli-error.js';
import { collectValid } from './apply.js';
import { serveUntilSignal } from '../serve-until-signal.js';
import { assertIngressPortsFree } from './ingress-ports-free.js';

export interface DevOptions {
  config: string;
  dbFilename?: string;
  port?: string;
  uiPort?: string;
  ingressHost?: string;
}

export async function runDev(opts: DevOptions, out: (s: string) => void = console.log): Promise<void> {
  if (!existsSync(opts.config)) throw new CliError(`config directory ${opts.config} does not exist`, 1);
  const { manifests, problems } = collectValid([opts.config], out);
  if (problems > 0)
    throw new CliError(`${problems} problem(s) in ${opts.config}; fix them and start again`, 1);
  const settings = temporalSettingsFromEnv();
  const port = opts.port ? Number(opts.port) : 7233;
  const ingressHost = opts.ingressHost ?? '0.0.0.0';
  // Fail fast on a taken port, before starting anything: better than a Ready that cannot serve.
  await assertIngressPortsFree(manifests, ingressHost);
  out(settings.address ? `using Temporal at ${settings.address}` : 'starting the Temporal dev server…');
  const running = await startEventide({
    ...(settings.address ? { address: settings.address } : {}),
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    devServer: {
      port,
      ...(opts.uiPort ? { uiPort: Number(opts.uiPort) } : {}),
      ...(opts.dbFilename ? { dbFilename: opts.dbFilename } : {}),
    },
    ingress: { host: ingressHost, refreshMs: 1000 },
    manifests,
    log: (msg, fields) => out(`[ingress] ${msg}${fields ? ' ' + JSON.stringify(fields) : ''}`),
  });
  for (const a of running.applied) out(`applied ${a.kind} ${a.namespace}/${a.name}`);
  out(`Temporal gRPC: ${running.address} (namespace ${running.namespace}, task queue ${running.taskQueue})`);
  if (running.uiUrl) out(`Temporal UI:   ${running.uiUrl}`);
  for (const l of running.ingress?.listening() ?? []) {
    for (const e of l.endpoints) out(`Ingress:       http://localhost:${l.port}${e}`);
  }
  out('Ready. Press Ctrl-C to stop.');
  await serveUntilSignal(running, out);
}
