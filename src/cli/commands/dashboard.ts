// eventide dashboard [--host H] [--port P] [--temporal-ui URL]: the read-only web dashboard
// against the Temporal server named by TEMPORAL_ADDRESS, for production (where `eventide dev`
// is not running). Ctrl-C or SIGTERM stops it.
import { startDashboard } from '../../dashboard/start-dashboard.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';

export const DEFAULT_DASHBOARD_PORT = 7380;

export interface DashboardCliOptions {
  host?: string;
  port?: string;
  temporalUi?: string;
}

export function parsePort(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new CliError(
      `${flag} ${JSON.stringify(text)} is not a port number (0–65535; 0 picks a free one)`,
      1,
    );
  return n;
}

export function temporalUiFrom(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const url = flag ?? env.TEMPORAL_UI_URL;
  if (url === undefined || url === '') return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(url))
    throw new CliError(`--temporal-ui / TEMPORAL_UI_URL ${JSON.stringify(url)} is not an http(s) URL`, 1);
  return url;
}

export async function runDashboard(
  opts: DashboardCliOptions,
  out: (s: string) => void = console.log,
): Promise<void> {
  const port = parsePort(opts.port, '--port', DEFAULT_DASHBOARD_PORT);
  const temporalUiUrl = temporalUiFrom(opts.temporalUi);
  const t = await connectFromEnv();
  let dash;
  try {
    dash = await startDashboard({
      client: t.client,
      host: opts.host ?? '127.0.0.1',
      port,
      ...(temporalUiUrl ? { temporalUiUrl } : {}),
    });
  } catch (e) {
    await t.connection.close();
    throw new CliError((e as Error).message, 1);
  }
  out(`Dashboard:     ${dash.url} (Temporal ${t.address}, namespace ${t.namespace})`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      out('stopping…');
      void dash.stop().finally(() => t.connection.close().finally(resolve));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
