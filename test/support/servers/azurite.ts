// Azurite's queue service (Microsoft's Azure Storage emulator) on a free loopback port, in memory.
// No installer: azurite is an npm devDependency, so `npm ci` puts it in node_modules. Telemetry
// is off (Azurite collects it by default). One server per test file.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort, missingServer, startServer, tcpOpen, type ServerProcess } from './server-process.js';

/** Azurite's well-known development account (public, documented by Microsoft). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

function queueMain(): string {
  try {
    const pkg = createRequire(import.meta.url).resolve('azurite/package.json');
    return join(dirname(pkg), 'dist', 'src', 'queue', 'main.js');
  } catch {
    return 'node_modules/azurite/dist/src/queue/main.js';
  }
}

export interface Azurite {
  connectionString: string;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** undefined when Azurite can run, else why not (missingServer: a failure under CI). */
export function azuriteMissing(): string | undefined {
  return missingServer('azurite', [queueMain()]);
}

export async function startAzurite(): Promise<Azurite> {
  const port = await freePort();
  const server = await startServer({
    name: 'azurite',
    command: process.execPath,
    args: [
      queueMain(),
      '--queueHost', '127.0.0.1',
      '--queuePort', String(port),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
    ],
    ready: () => tcpOpen(port),
  });
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};QueueEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    server,
    stop: () => server.stop(),
  };
}
