// HDFS (Hadoop 3.4.1's MiniDFSCluster: a NameNode and a DataNode in one JVM) on a free loopback
// port, from what .ci/install/hdfs.sh caches. Tests change files through WebHDFS, HDFS's own REST
// API, with the helpers below (CREATE and APPEND go through the DataNode, as WebHDFS redirects).
import { request } from 'node:http';
import { join } from 'node:path';
import {
  freePort,
  missingServer,
  serverCacheDir,
  startServer,
  type ServerProcess,
} from './server-process.js';

const HDFS_DIR = serverCacheDir('hdfs-3.4.1');
const USER = 'eventide';

export interface Hdfs {
  /** host:port of the NameNode's HTTP (WebHDFS) endpoint, as the `hdfs` source's `addresses` take it */
  address: string;
  user: string;
  mkdirs(path: string): Promise<void>;
  create(path: string, content: string): Promise<void>;
  append(path: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  chmod(path: string, permission: string): Promise<void>;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** undefined (and the reason) when HDFS is not installed; see missingServer. */
export function hdfsMissing(): string | undefined {
  return missingServer('hdfs', [join(HDFS_DIR, 'classes', '.complete')]);
}

export async function startHdfs(): Promise<Hdfs> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/webhdfs/v1`;
  const url = (path: string, op: string, extra = '') => `${base}${path}?op=${op}&user.name=${USER}${extra}`;
  const call = async (method: string, u: string, body?: string): Promise<Response> => {
    const res = await fetch(u, { method, ...(body !== undefined ? { body } : {}) });
    if (!res.ok) throw new Error(`WebHDFS ${method} ${u}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  /**
   * CREATE/APPEND: ask the NameNode where, then send the bytes to that DataNode with node:http
   * (the DataNode answers with an unasked-for 100 Continue, which fetch refuses).
   */
  const viaDataNode = async (method: string, u: string, content: string) => {
    const { Location } = (await (await call(method, `${u}&noredirect=true`)).json()) as { Location: string };
    await new Promise<void>((resolve, reject) => {
      const req = request(Location, { method }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode && res.statusCode < 300
            ? resolve()
            : reject(new Error(`WebHDFS ${method} ${Location}: HTTP ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end(content);
    });
  };
  const server = await startServer({
    name: 'hdfs',
    command: 'java',
    args: (dir) => [
      '-Xmx512m',
      '-XX:+UseSerialGC',
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      '-cp',
      `${join(HDFS_DIR, 'classes')}:${join(HDFS_DIR, 'lib')}/*`,
      'MiniHdfs',
      join(dir, 'data'),
      String(port),
    ],
    readyTimeoutMs: 180_000,
    ready: async () => (await fetch(url('/', 'LISTSTATUS'))).ok,
  });
  return {
    address: `127.0.0.1:${port}`,
    user: USER,
    mkdirs: async (path) => void (await call('PUT', url(path, 'MKDIRS'))),
    create: (path, content) => viaDataNode('PUT', url(path, 'CREATE', '&overwrite=true'), content),
    append: (path, content) => viaDataNode('POST', url(path, 'APPEND'), content),
    rename: async (from, to) =>
      void (await call('PUT', url(from, 'RENAME', `&destination=${encodeURIComponent(to)}`))),
    remove: async (path) => void (await call('DELETE', url(path, 'DELETE', '&recursive=true'))),
    chmod: async (path, permission) =>
      void (await call('PUT', url(path, 'SETPERMISSION', `&permission=${permission}`))),
    server,
    stop: () => server.stop(),
  };
}
