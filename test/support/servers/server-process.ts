// A real server (broker, emulator, API server) as a child process for integration tests: started
// on free loopback ports in its own temp dir, probed until ready, stopped by PID. Installers live
// in .ci/install/<server>.sh and put binaries under the cache dir (serverCacheDir).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../src/temporal/dev-server.js';

export { freePort };

/** Where .ci/install/*.sh cache what they build: $EVENTIDE_CACHE_DIR or ~/.cache/eventide. */
export function serverCacheDir(...parts: string[]): string {
  return join(process.env.EVENTIDE_CACHE_DIR ?? join(homedir(), '.cache', 'eventide'), ...parts);
}

/**
 * Why a server's test cannot run here, or undefined when it can. `paths` are the files the
 * installer produces. CI (.ci/run sets EVENTIDE_REQUIRE_SERVERS=1) turns a missing server into a
 * failure instead of a skip, so a broken install step cannot hide behind skipped tests.
 */
export function missingServer(server: string, paths: string[]): string | undefined {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length === 0) return undefined;
  const why = `${server} is not installed (missing ${missing.join(', ')}): run .ci/install/${server}.sh`;
  if (process.env.EVENTIDE_REQUIRE_SERVERS === '1') throw new Error(why);
  return why;
}

export interface ServerProcess {
  child: ChildProcess;
  /** the server's own temp dir (data, config, logs), removed on stop */
  dir: string;
  /** everything it printed, for failure messages */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerStart {
  name: string;
  command: string;
  args: string[] | ((dir: string) => string[]);
  env?: Record<string, string>;
  cwd?: string;
  /** resolves true once the server answers; polled every 200 ms */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
  /** runs in the temp dir before the process starts (config files, formatting) */
  prepare?: (dir: string) => Promise<void> | void;
  /** an existing dir to use instead of a fresh temp dir (restarts keep their data) */
  dir?: string;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export async function startServer(s: ServerStart): Promise<ServerProcess> {
  const dir = s.dir ?? mkdtempSync(join(tmpdir(), `eventide-${s.name}-`));
  await s.prepare?.(dir);
  const args = typeof s.args === 'function' ? s.args(dir) : s.args;
  const child = spawn(s.command, args, {
    cwd: s.cwd ?? dir,
    env: { ...process.env, ...s.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  running.add(child);
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString('utf8')).slice(-64 * 1024);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const server: ServerProcess = {
    child,
    dir,
    output: () => log,
    async stop(signal = 'SIGTERM') {
      running.delete(child);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (!s.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + (s.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`${s.name} exited before it was ready:\n${log}`);
    }
    if (await s.ready().catch(() => false)) return server;
    if (Date.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`${s.name} was not ready after ${s.readyTimeoutMs ?? 60_000} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
export async function tcpOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const sock = connect({ port, host });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}
