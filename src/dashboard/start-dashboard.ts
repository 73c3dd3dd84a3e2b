// Serves the dashboard for a Temporal client on an admin port (`eventide dev`, `eventide dashboard`).
import type { Client } from '@temporalio/client';
import { buildDashboardApp } from './dashboard-app.js';
import { TemporalDashboardSource } from './temporal-source.js';
import { describePortHolder } from '../temporal/port-holder.js';

export interface DashboardOptions {
  client: Client;
  /** default 127.0.0.1: the dashboard shows event payloads, so it is not exposed unless asked */
  host?: string;
  /** 0 picks a free port */
  port?: number;
  temporalUiUrl?: string;
}

export interface RunningDashboard {
  url: string;
  stop(): Promise<void>;
}

export async function startDashboard(o: DashboardOptions): Promise<RunningDashboard> {
  const app = buildDashboardApp({
    source: new TemporalDashboardSource(o.client),
    ...(o.temporalUiUrl ? { temporalUiUrl: o.temporalUiUrl } : {}),
  });
  const host = o.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: o.port ?? 0 });
  } catch (e) {
    await app.close().catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    const holder = describePortHolder(o.port ?? 0);
    throw new Error(
      `EVT_ERR_DASHBOARD_PORT_IN_USE: the dashboard cannot listen on ${host}:${o.port}: ${holder ? `${holder} holds it` : 'the port is in use'}; stop it or choose another port`,
      { cause: e },
    );
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (o.port ?? 0);
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${port}`, stop: () => app.close() };
}
