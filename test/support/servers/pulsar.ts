// Apache Pulsar 4.2.4 standalone (embedded BookKeeper, RocksDB metadata store) on free loopback
// ports, from the jars .ci/install/pulsar.sh caches, with the WebSocket service on (the Node side
// talks to Pulsar through it: the native client does not install here). One per test file; ready
// once the admin API lists the public/default namespace; stopped by PID.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, missingServer, serverCacheDir, startServer, type ServerProcess } from './server-process.js';

const PULSAR_DIR = serverCacheDir('pulsar-4.2.4');
const LIB = join(PULSAR_DIR, 'lib');

export interface PulsarServer {
  /** the web service (admin REST + WebSocket API): http://127.0.0.1:<port> */
  httpUrl: string;
  /** the same port as the WebSocket base the pulsar source and trigger take as `url` */
  wsUrl: string;
  /** pulsar://127.0.0.1:<port>, the binary protocol port (what Argo's url names) */
  brokerUrl: string;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** undefined (and the reason) when Pulsar is not installed; see missingServer. */
export function pulsarMissing(): string | undefined {
  return missingServer('pulsar', [join(LIB, '.complete')]);
}

function standaloneConf(brokerPort: number, webPort: number): string {
  return [
    'clusterName=standalone',
    'bindAddress=127.0.0.1',
    'advertisedAddress=127.0.0.1',
    `brokerServicePort=${brokerPort}`,
    `webServicePort=${webPort}`,
    'managedLedgerDefaultEnsembleSize=1',
    'managedLedgerDefaultWriteQuorum=1',
    'managedLedgerDefaultAckQuorum=1',
    'functionsWorkerEnabled=false',
    'webSocketServiceEnabled=true',
    '',
  ].join('\n');
}

async function namespaceReady(httpUrl: string): Promise<boolean> {
  const res = await fetch(`${httpUrl}/admin/v2/namespaces/public`, { signal: AbortSignal.timeout(2000) });
  if (!res.ok) return false;
  const list = (await res.json()) as unknown;
  return Array.isArray(list) && list.includes('public/default');
}

export async function startPulsar(): Promise<PulsarServer> {
  const brokerPort = await freePort();
  const webPort = await freePort();
  const bookiePort = await freePort();
  const httpUrl = `http://127.0.0.1:${webPort}`;
  const server = await startServer({
    name: 'pulsar',
    command: 'java',
    args: (dir) => [
      '-Xmx512m',
      '-XX:MaxDirectMemorySize=512m',
      '--add-opens', 'java.base/jdk.internal.platform=ALL-UNNAMED',
      '--add-opens', 'java.management/sun.management=ALL-UNNAMED',
      '--add-opens', 'java.base/java.lang=ALL-UNNAMED',
      '--add-opens', 'java.base/java.nio=ALL-UNNAMED',
      '--add-opens', 'java.base/jdk.internal.misc=ALL-UNNAMED',
      `-Dlog4j2.configurationFile=${join(PULSAR_DIR, 'log4j2.yaml')}`,
      '-cp', `${LIB}/*`,
      'org.apache.pulsar.PulsarStandaloneStarter',
      '--config', join(dir, 'standalone.conf'),
      '-nss', '-nfw',
      '--bookkeeper-dir', join(dir, 'data', 'bk'),
      '--metadata-dir', join(dir, 'data', 'metadata'),
      '--bookkeeper-port', String(bookiePort),
      '--advertised-address', '127.0.0.1',
    ],
    prepare: (dir) => writeFileSync(join(dir, 'standalone.conf'), standaloneConf(brokerPort, webPort)),
    ready: () => namespaceReady(httpUrl),
    readyTimeoutMs: 180_000,
  });
  return {
    httpUrl,
    wsUrl: `ws://127.0.0.1:${webPort}`,
    brokerUrl: `pulsar://127.0.0.1:${brokerPort}`,
    server,
    stop: () => server.stop(),
  };
}
