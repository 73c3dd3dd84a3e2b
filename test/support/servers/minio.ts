// A MinIO server (built by .ci/install/minio.sh) on a free loopback port with a fresh data dir.
// One server per test file; clients use `endpoint` (host:port, as Argo's minio `endpoint`) and
// the root credentials below.
import { join } from 'node:path';
import {
  freePort,
  missingServer,
  serverCacheDir,
  startServer,
  type ServerProcess,
} from './server-process.js';

const MINIO = serverCacheDir('minio', 'bin', 'minio');

export interface MinioServer {
  /** 127.0.0.1:port */
  endpoint: string;
  port: number;
  accessKey: string;
  secretKey: string;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** undefined (and the reason) when MinIO is not installed; see missingServer. */
export function minioMissing(): string | undefined {
  return missingServer('minio', [MINIO]);
}

/** `port` and `dir` (kept on stop) let a test restart the same server. */
export async function startMinio(opts: { port?: number; dir?: string } = {}): Promise<MinioServer> {
  const port = opts.port ?? (await freePort());
  const accessKey = 'eventide';
  const secretKey = 'eventide-secret';
  const server = await startServer({
    name: 'minio',
    command: MINIO,
    args: (dir) => ['server', join(dir, 'data'), '--address', `127.0.0.1:${port}`],
    env: {
      MINIO_ROOT_USER: accessKey,
      MINIO_ROOT_PASSWORD: secretKey,
      MINIO_UPDATE: 'off',
      MINIO_BROWSER: 'off',
      MINIO_CALLHOME_ENABLE: 'off',
    },
    ready: async () => (await fetch(`http://127.0.0.1:${port}/minio/health/ready`)).ok,
    ...(opts.dir ? { dir: opts.dir } : {}),
  });
  return { endpoint: `127.0.0.1:${port}`, port, accessKey, secretKey, server, stop: () => server.stop() };
}
