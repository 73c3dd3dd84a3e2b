// eventide dev: everything in one process on an embedded Temporal dev server, applying the
// manifests of --config (default config/). Ctrl-C stops it all. The server's state is kept in a
// data directory across restarts (dev-data.ts); --ephemeral keeps nothing.
import { existsSync } from 'node:fs';
import { startEventide } from '../../runtime/start-eventide.js';
import { temporalSettingsFromEnv } from '../../temporal/config.js';
import { CliError } from '../cli-error.js';
import { collectValid } from './apply.js';
import { serveUntilSignal } from '../serve-until-signal.js';
import { assertIngressPortsFree } from './ingress-ports-free.js';
import { describePortHolder, portIsFree } from '../../temporal/port-holder.js';
import { startDashboard, type RunningDashboard } from '../../dashboard/start-dashboard.js';
import { DEFAULT_DASHBOARD_PORT, parsePort, temporalUiFrom } from './dashboard.js';
import { devStateFile } from './dev-data.js';

export interface DevOptions {
  config: string;
  dbFilename?: string;
  dataDir?: string;
  ephemeral?: boolean;
  port?: string;
  uiPort?: string;
  ingressHost?: string;
  /** commander's --no-dashboard sets false */
  dashboard?: boolean;
  dashboardPort?: string;
  dashboardHost?: string;
}

export async function runDev(opts: DevOptions, out: (s: string) => void = console.log): Promise<void> {
  if (!existsSync(opts.config)) throw new CliError(`config directory ${opts.config} does not exist`, 1);
  const { manifests, problems } = collectValid([opts.config], out);
  if (problems > 0)
    throw new CliError(`${problems} problem(s) in ${opts.config}; fix them and start again`, 1);
  const settings = temporalSettingsFromEnv();
  const port = opts.port ? Number(opts.port) : 7233;
  const ingressHost = opts.ingressHost ?? '0.0.0.0';
  const dashboardPort = parsePort(opts.dashboardPort, '--dashboard-port', DEFAULT_DASHBOARD_PORT);
  // Fail fast on a taken port, before starting anything: better than a Ready that cannot serve.
  await assertIngressPortsFree(manifests, ingressHost);
  if (opts.dashboard !== false && opts.dashboardPort !== undefined && dashboardPort !== 0) {
    const host = opts.dashboardHost ?? '127.0.0.1';
    if (!(await portIsFree(host, dashboardPort))) {
      const holder = describePortHolder(dashboardPort);
      throw new CliError(
        `EVT_ERR_DASHBOARD_PORT_IN_USE: --dashboard-port ${dashboardPort} is already in use${holder ? ` by ${holder}` : ''}; stop it or choose another port`,
        1,
      );
    }
  }
  if (opts.ephemeral && (opts.dbFilename || opts.dataDir))
    throw new CliError('--ephemeral keeps no state: drop --db-filename / --data-dir, or --ephemeral', 1);
  const stateFile = settings.address ? undefined : devStateFile(opts, port);
  out(settings.address ? `using Temporal at ${settings.address}` : 'starting the Temporal dev server…');
  const running = await startEventide({
    ...(settings.address ? { address: settings.address } : {}),
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    devServer: {
      port,
      ...(opts.uiPort ? { uiPort: Number(opts.uiPort) } : {}),
      ...(stateFile ? { dbFilename: stateFile } : {}),
    },
    ingress: { host: ingressHost, refreshMs: 1000 },
    manifests,
    log: (msg, fields) => out(`[ingress] ${msg}${fields ? ' ' + JSON.stringify(fields) : ''}`),
  });
  for (const a of running.applied) out(`applied ${a.kind} ${a.namespace}/${a.name}`);
  out(`Temporal gRPC: ${running.address} (namespace ${running.namespace}, task queue ${running.taskQueue})`);
  if (running.uiUrl) out(`Temporal UI:   ${running.uiUrl}`);
  if (stateFile) out(`State:         ${stateFile} (kept across restarts; delete it to start afresh)`);
  else if (!settings.address) out('State:         none (--ephemeral: nothing is kept after Ctrl-C)');
  let dashboard: RunningDashboard | undefined;
  if (opts.dashboard !== false) {
    try {
      const temporalUiUrl = running.uiUrl ?? temporalUiFrom(undefined);
      const host = opts.dashboardHost ?? '127.0.0.1';
      // The default port yields to whoever holds it (a second `eventide dev`); a port asked for does not.
      const port =
        opts.dashboardPort === undefined && !(await portIsFree(host, dashboardPort)) ? 0 : dashboardPort;
      if (port !== dashboardPort) out(`dashboard port ${dashboardPort} is taken; using a free one`);
      dashboard = await startDashboard({
        client: running.client,
        host,
        port,
        ...(temporalUiUrl ? { temporalUiUrl } : {}),
      });
      out(`Dashboard:     ${dashboard.url}`);
    } catch (e) {
      await running.stop();
      throw new CliError((e as Error).message, 1);
    }
  }
  for (const l of running.ingress?.listening() ?? []) {
    for (const e of l.endpoints) out(`Ingress:       http://localhost:${l.port}${e}`);
  }
  out('Ready. Press Ctrl-C to stop.');
  await serveUntilSignal(running, out);
  await dashboard?.stop();
}
