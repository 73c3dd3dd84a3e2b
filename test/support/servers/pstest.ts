// Google's in-memory Pub/Sub fake (pstest, built by .ci/install/pstest.sh) on a free loopback
// port. Clients reach it through PUBSUB_EMULATOR_HOST (as Argo's docs describe); set
// METADATA_SERVER_DETECTION=none too, so Google's auth library never probes a metadata address.
import { freePort, missingServer, serverCacheDir, startServer, tcpOpen, type ServerProcess } from './server-process.js';

const BIN = serverCacheDir('pstest', 'bin', 'pstest-emu');

export interface Pstest {
  /** host:port, the value for PUBSUB_EMULATOR_HOST */
  host: string;
  /** what a client process needs in its environment to use this fake */
  env: Record<string, string>;
  server: ServerProcess;
  stop(): Promise<void>;
}

export function pstestMissing(): string | undefined {
  return missingServer('pstest', [BIN]);
}

export async function startPstest(): Promise<Pstest> {
  const port = await freePort();
  const server = await startServer({
    name: 'pstest',
    command: BIN,
    args: ['-addr', `127.0.0.1:${port}`],
    ready: () => tcpOpen(port),
    readyTimeoutMs: 20_000,
  });
  const host = `127.0.0.1:${port}`;
  return {
    host,
    env: { PUBSUB_EMULATOR_HOST: host, METADATA_SERVER_DETECTION: 'none' },
    server,
    stop: () => server.stop(),
  };
}
