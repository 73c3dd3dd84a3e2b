// nsqlookupd and nsqd (built by .ci/install/nsq.sh) on free loopback ports, nsqd registered with
// the lookupd as Argo's nsq source expects (its hostAddress is the lookupd HTTP address).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, missingServer, serverCacheDir, startServer, tcpOpen, type ServerProcess } from './server-process.js';

const NSQD = serverCacheDir('nsq', 'bin', 'nsqd');
const NSQLOOKUPD = serverCacheDir('nsq', 'bin', 'nsqlookupd');

export interface Nsq {
  /** host:port of nsqlookupd's HTTP API */
  lookupdHttp: string;
  nsqdTcpPort: number;
  nsqdHttp: string;
  stop(): Promise<void>;
  servers: ServerProcess[];
}

export function nsqMissing(): string | undefined {
  return missingServer('nsq', [NSQD, NSQLOOKUPD]);
}

export async function startNsq(): Promise<Nsq> {
  const [lTcp, lHttp, dTcp, dHttp] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const lookupd = await startServer({
    name: 'nsqlookupd',
    command: NSQLOOKUPD,
    args: [`--tcp-address=127.0.0.1:${lTcp}`, `--http-address=127.0.0.1:${lHttp}`, '--broadcast-address=127.0.0.1'],
    ready: () => tcpOpen(lHttp),
  });
  const nsqd = await startServer({
    name: 'nsqd',
    command: NSQD,
    prepare: (dir) => void mkdirSync(join(dir, 'data'), { recursive: true }),
    args: (dir) => [
      `--tcp-address=127.0.0.1:${dTcp}`,
      `--http-address=127.0.0.1:${dHttp}`,
      `--data-path=${join(dir, 'data')}`,
      '--broadcast-address=127.0.0.1',
      `--lookupd-tcp-address=127.0.0.1:${lTcp}`,
    ],
    ready: () => tcpOpen(dHttp),
  }).catch(async (e: unknown) => {
    await lookupd.stop();
    throw e;
  });
  return {
    lookupdHttp: `127.0.0.1:${lHttp}`,
    nsqdTcpPort: dTcp,
    nsqdHttp: `127.0.0.1:${dHttp}`,
    servers: [nsqd, lookupd],
    async stop() {
      await nsqd.stop();
      await lookupd.stop();
    },
  };
}
