// redis-server on a free loopback port, no persistence (Debian's package, installed by
// .ci/install/00-apt.sh). Ready once it accepts TCP connections.
import { existsSync } from 'node:fs';
import { freePort, missingServer, startServer, tcpOpen, type ServerProcess } from './server-process.js';

const BINARY =
  ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find((p) => existsSync(p)) ?? '/usr/bin/redis-server';

export interface RedisServer {
  /** host:port, Argo's hostAddress */
  hostAddress: string;
  port: number;
  server: ServerProcess;
  stop(): Promise<void>;
}

export function redisMissing(): string | undefined {
  return missingServer('00-apt', [BINARY]);
}

export async function startRedis(extraArgs: string[] = []): Promise<RedisServer> {
  const port = await freePort();
  const server = await startServer({
    name: 'redis',
    command: BINARY,
    args: (dir) => [
      '--bind',
      '127.0.0.1',
      '--port',
      String(port),
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      ...extraArgs,
    ],
    ready: () => tcpOpen(port),
  });
  return { hostAddress: `127.0.0.1:${port}`, port, server, stop: () => server.stop() };
}
