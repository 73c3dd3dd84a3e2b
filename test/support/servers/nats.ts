// nats-server with JetStream on free loopback ports (Debian's package, installed by
// .ci/install/00-apt.sh). Ready when the monitoring port's /healthz answers; probing the client
// port with a bare TCP connect would make the server log a parser error.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, missingServer, startServer, type ServerProcess } from './server-process.js';

const BINARY =
  ['/usr/bin/nats-server', '/usr/sbin/nats-server'].find((p) => existsSync(p)) ?? '/usr/bin/nats-server';

export interface NatsServer {
  url: string;
  port: number;
  server: ServerProcess;
  stop(): Promise<void>;
}

export function natsMissing(): string | undefined {
  return missingServer('00-apt', [BINARY]);
}

/** `extraArgs` e.g. ['--auth', 'token'] or ['--user', 'u', '--pass', 'p']. */
export async function startNats(extraArgs: string[] = []): Promise<NatsServer> {
  const port = await freePort();
  const monitor = await freePort();
  const server = await startServer({
    name: 'nats',
    command: BINARY,
    args: (dir) => [
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '-m',
      String(monitor),
      '-js',
      '-sd',
      join(dir, 'js'),
      ...extraArgs,
    ],
    ready: async () => (await fetch(`http://127.0.0.1:${monitor}/healthz`)).ok,
  });
  return { url: `nats://127.0.0.1:${port}`, port, server, stop: () => server.stop() };
}
