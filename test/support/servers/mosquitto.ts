// Mosquitto (Debian package, installed by .ci/install/00-apt.sh) on a free loopback port, anonymous,
// sessions kept in memory for as long as the broker runs. One broker per test file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, missingServer, startServer, tcpOpen, type ServerProcess } from './server-process.js';

const MOSQUITTO = '/usr/sbin/mosquitto';

export interface Mosquitto {
  url: string;
  port: number;
  server: ServerProcess;
  stop(): Promise<void>;
}

export function mosquittoMissing(): string | undefined {
  return missingServer('mosquitto', [MOSQUITTO]);
}

export async function startMosquitto(): Promise<Mosquitto> {
  const port = await freePort();
  const server = await startServer({
    name: 'mosquitto',
    command: MOSQUITTO,
    args: (dir) => ['-c', join(dir, 'mosquitto.conf')],
    prepare: (dir) =>
      writeFileSync(
        join(dir, 'mosquitto.conf'),
        // Mosquitto 2 accepts anonymous clients only on a listener declared with allow_anonymous.
        `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\nlog_dest stdout\n`,
      ),
    ready: () => tcpOpen(port),
  });
  return { url: `tcp://127.0.0.1:${port}`, port, server, stop: () => server.stop() };
}
