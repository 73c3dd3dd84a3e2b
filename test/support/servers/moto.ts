// moto's AWS server on a free loopback port (install: .ci/install/moto.sh). One server per test
// file; `reset()` clears its state between tests. Clients need the endpoint, a region, dummy
// credentials and, for S3, forcePathStyle.
import { freePort, missingServer, serverCacheDir, startServer, type ServerProcess } from './server-process.js';

const MOTO_SERVER = serverCacheDir('moto', 'venv', 'bin', 'moto_server');

export interface Moto {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** POST /moto-api/reset: drops every queue, bucket, function… */
  reset(): Promise<void>;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** undefined (and the reason) when moto is not installed; see missingServer. */
export function motoMissing(): string | undefined {
  return missingServer('moto', [MOTO_SERVER]);
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const server = await startServer({
    name: 'moto',
    command: MOTO_SERVER,
    args: ['-H', '127.0.0.1', '-p', String(port)],
    ready: async () => (await fetch(`${endpoint}/moto-api/data.json`)).ok,
  });
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
    },
    server,
    stop: () => server.stop(),
  };
}
