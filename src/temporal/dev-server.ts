// Starts `temporal server start-dev` as a child process and waits until it answers. The binary
// comes from TEMPORAL_CLI_PATH, else PATH, else Eventide's build cache; with none of those, the
// Temporal SDK's own download is used (needs internet).
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Connection } from '@temporalio/client';
import { devServerSearchAttributeArgs, EVENTIDE_SEARCH_ATTRIBUTES } from '../vocabulary/search-attributes.js';
import { spawnTiedToParent } from './tie-to-parent.js';
import { describePortHolder, portIsFree } from './port-holder.js';

class DevServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevServerError';
  }
}

export interface DevServerOptions {
  ip?: string;
  /** gRPC port; 0 or undefined picks a free one */
  port?: number;
  /** Web UI port; undefined = port + 1000; false = headless */
  uiPort?: number | false;
  /** persist state in this SQLite file across restarts */
  dbFilename?: string;
  namespace?: string;
  /** stream the server's own log lines here (default: discarded) */
  onLog?: (line: string) => void;
  startupTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  namespace: string;
  /** stops the server (SIGTERM, then SIGKILL after a grace period) */
  stop(): Promise<void>;
  /** kills the server at once, as a crash would */
  kill(): Promise<void>;
  process?: ChildProcess;
}

const CLI_CACHE_PATH = join(homedir(), '.cache', 'eventide', 'bin', 'temporal');

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The temporal CLI to run, or undefined when there is none on this machine. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH) {
    if (!isExecutable(env.TEMPORAL_CLI_PATH))
      throw new DevServerError(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} is not an executable file`);
    return env.TEMPORAL_CLI_PATH;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'temporal'))) return join(dir, 'temporal');
  }
  return existsSync(CLI_CACHE_PATH) && isExecutable(CLI_CACHE_PATH) ? CLI_CACHE_PATH : undefined;
}

export async function freePort(ip = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, ip, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function assertPortFree(ip: string, port: number, what: string, flag: string): Promise<void> {
  if (await portIsFree(ip, port)) return;
  const holder = describePortHolder(port);
  throw new DevServerError(
    `${what} ${port} is already in use${holder ? ` by ${holder}` : ''}: stop that process or choose another port with ${flag}` +
      ' (to use a Temporal server that is already running, set TEMPORAL_ADDRESS)',
  );
}

async function waitUntilServing(
  address: string,
  child: ChildProcess,
  timeoutMs: number,
  logTail: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new DevServerError(
        `temporal server exited (${child.exitCode ?? child.signalCode}) during startup:\n${logTail()}`,
      );
    }
    try {
      const conn = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await conn.workflowService.getSystemInfo({});
        return;
      } finally {
        await conn.close();
      }
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new DevServerError(
    `temporal server did not answer on ${address} within ${timeoutMs} ms: ${(lastError as Error)?.message}\n${logTail()}`,
  );
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const namespace = opts.namespace ?? 'default';
  const cli = findTemporalCli();
  if (!cli) return startWithSdkDownload(opts, ip, namespace);
  const port = opts.port || (await freePort(ip));
  // A server already on the port would answer our readiness probe: refuse rather than attach to it.
  await assertPortFree(ip, port, 'Temporal gRPC port', '--port');
  const args = [
    'server',
    'start-dev',
    '--ip',
    ip,
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    // Trigger activities start on the worker that scheduled them, without a trip through the queue.
    '--dynamic-config-value',
    'system.enableActivityEagerExecution=true',
  ];
  let uiUrl: string | undefined;
  if (opts.uiPort === false) {
    args.push('--headless');
  } else {
    const uiPort = opts.uiPort ?? (port + 1000 <= 65535 ? port + 1000 : await freePort(ip));
    await assertPortFree(ip, uiPort, 'Temporal UI port', '--ui-port');
    args.push('--ui-port', String(uiPort));
    uiUrl = `http://${ip}:${uiPort}`;
  }
  if (opts.dbFilename) args.push('--db-filename', opts.dbFilename);
  args.push(...devServerSearchAttributeArgs());
  // Tied to this process: the server dies with it, even when it is SIGKILLed (no orphan on the ports).
  const child = spawnTiedToParent(cli, args);
  const tail: string[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      opts.onLog?.(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const address = `${ip}:${port}`;
  try {
    await waitUntilServing(address, child, opts.startupTimeoutMs ?? 60_000, () => tail.join('\n'));
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const server: DevServer = {
    address,
    namespace,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  if (uiUrl) server.uiUrl = uiUrl;
  return server;
}

/** Fallback where no CLI is installed: the SDK downloads and runs the dev server. */
async function startWithSdkDownload(
  opts: DevServerOptions,
  ip: string,
  namespace: string,
): Promise<DevServer> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const server: Record<string, unknown> = {
    executable: { type: 'cached-download' },
    ip,
    namespace,
    searchAttributes: EVENTIDE_SEARCH_ATTRIBUTES,
  };
  if (opts.port) server.port = opts.port;
  if (opts.dbFilename) server.dbFilename = opts.dbFilename;
  if (typeof opts.uiPort === 'number') server.uiPort = opts.uiPort;
  let env;
  try {
    env = await TestWorkflowEnvironment.createLocal({ server } as Parameters<
      typeof TestWorkflowEnvironment.createLocal
    >[0]);
  } catch (e) {
    throw new DevServerError(
      `no temporal CLI found (TEMPORAL_CLI_PATH, PATH, ${CLI_CACHE_PATH}) and the SDK could not download one: ${(e as Error).message}. ` +
        'Build it with: GOBIN=~/.cache/eventide/bin go install github.com/temporalio/cli/cmd/temporal@v1.5.1',
    );
  }
  const address = (env.connection.options as { address?: string }).address ?? `${ip}:7233`;
  const result: DevServer = {
    address,
    namespace,
    stop: () => env.teardown(),
    kill: () => env.teardown(),
  };
  if (typeof opts.uiPort === 'number') result.uiUrl = `http://${ip}:${opts.uiPort}`;
  return result;
}
