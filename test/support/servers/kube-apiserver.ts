// A real Kubernetes API server for integration tests: Debian's etcd plus kube-apiserver v1.32.13
// (built by .ci/install/kube-apiserver.sh) on free loopback ports, serving TLS with a throwaway
// self-signed certificate, one admin bearer token (system:masters), and a kubeconfig file tests
// point KUBECONFIG at. One server per test file (~3 s to ready, ~280 MB RSS).
// Gotchas (../shared/real-servers.md section 13): there is no controller-manager, so the `default`
// ServiceAccount is created here; `--endpoint-reconciler-type=none` silences the loopback
// endpoint complaints; the first watch after a CRD is Established can get 429 (watch cache still
// starting), so `installCrds` waits until a LIST with watch works.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { makeSelfSignedCert } from '../self-signed-cert.js';
import {
  freePort,
  missingServer,
  serverCacheDir,
  startServer,
  type ServerProcess,
} from './server-process.js';

const VERSION = '1.32.13';
const KUBE_APISERVER = serverCacheDir('kube-apiserver', `kube-apiserver-v${VERSION}`);
const ETCD = ['/usr/bin/etcd', '/usr/local/bin/etcd'].find((p) => existsSync(p)) ?? '/usr/bin/etcd';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface KubeApiServer {
  url: string;
  token: string;
  /** PEM of the serving certificate (its own CA) */
  caPem: string;
  /** kubeconfig with this server as the current context, namespace `default` */
  kubeconfigPath: string;
  /** the same, as user `nobody` (authenticated, no RBAC bindings: every request is 403) */
  unprivilegedKubeconfigPath: string;
  /** an authenticated JSON request; throws on non-2xx unless `allow` lists the status */
  request(method: string, path: string, body?: unknown, opts?: RequestOptions): Promise<Json>;
  /** creates CRDs (idempotently) and waits until each serves LIST+WATCH */
  installCrds(crds: Json[]): Promise<void>;
  /** items of a list path, e.g. /api/v1/namespaces/default/configmaps */
  list(path: string, labelSelector?: string): Promise<Json[]>;
  /** deletes every object at a collection path (between tests) */
  deleteAll(path: string): Promise<void>;
  /** etcd's client URL (tests compact it to force 410 Gone) */
  etcdUrl: string;
  /** compacts etcd up to its current revision: older resourceVersions then answer 410 Gone */
  compactEtcd(): Promise<void>;
  etcd: ServerProcess;
  apiserver: ServerProcess;
  stop(): Promise<void>;
}

export interface RequestOptions {
  contentType?: string;
  query?: Record<string, string>;
  /** statuses answered without throwing (the body is returned with `code`) */
  allow?: number[];
}

export class KubeRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json | undefined,
    what: string,
  ) {
    super(`${what}: ${status} ${body?.message ?? ''}`);
  }
}

/** Why the kube-apiserver tests cannot run here (or undefined); see missingServer. */
export function kubeApiServerMissing(): string | undefined {
  return missingServer('kube-apiserver', [KUBE_APISERVER, ETCD]);
}

function writeKubeconfig(
  dir: string,
  url: string,
  caPem: string,
  token: string,
  file = 'kubeconfig',
): string {
  const path = join(dir, file);
  const ca = Buffer.from(caPem).toString('base64');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: test\n  cluster:\n    server: ${url}\n    certificate-authority-data: ${ca}`,
      'users:',
      `- name: admin\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: test\n  context:\n    cluster: test\n    user: admin\n    namespace: default',
      'current-context: test',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return path;
}

function call(
  url: string,
  token: string,
  caPem: string,
  method: string,
  path: string,
  body: unknown,
  o: RequestOptions = {},
): Promise<{ status: number; json: Json | undefined }> {
  const u = new URL(path, url);
  for (const [k, v] of Object.entries(o.query ?? {})) u.searchParams.set(k, v);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      u,
      {
        method,
        ca: caPem,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(payload !== undefined
            ? {
                'content-type': o.contentType ?? 'application/json',
                'content-length': Buffer.byteLength(payload),
              }
            : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Json | undefined;
          try {
            json = text ? (JSON.parse(text) as Json) : undefined;
          } catch {
            json = { message: text };
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startKubeApiServer(): Promise<KubeApiServer> {
  const [etcdClient, etcdPeer, etcdMetrics, securePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const etcd = await startServer({
    name: 'etcd',
    command: ETCD,
    args: (dir) => [
      '--name=test',
      `--data-dir=${join(dir, 'data')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=test=http://127.0.0.1:${etcdPeer}`,
      `--listen-metrics-urls=http://127.0.0.1:${etcdMetrics}`,
      '--log-level=error',
    ],
    ready: async () => (await fetch(`http://127.0.0.1:${etcdClient}/health`)).ok,
  });

  const token = `test-admin-${randomBytes(12).toString('hex')}`;
  const nobodyToken = `test-nobody-${randomBytes(12).toString('hex')}`;
  const url = `https://127.0.0.1:${securePort}`;
  const serving = makeSelfSignedCert({
    commonName: 'kube-apiserver',
    altNames: ['IP:127.0.0.1', 'DNS:localhost', 'DNS:kubernetes.default', 'IP:10.0.0.1'],
  });
  let kubeconfigPath = '';
  let unprivilegedKubeconfigPath = '';
  let apiserver: ServerProcess;
  try {
    apiserver = await startServer({
      name: 'kube-apiserver',
      command: KUBE_APISERVER,
      readyTimeoutMs: 90_000,
      prepare: (dir) => {
        const pki = join(dir, 'pki');
        mkdirSync(pki, { recursive: true });
        writeFileSync(join(pki, 'apiserver.crt'), serving.cert);
        writeFileSync(join(pki, 'apiserver.key'), serving.key, { mode: 0o600 });
        const sa = generateKeyPairSync('rsa', { modulusLength: 2048 });
        writeFileSync(join(pki, 'sa.key'), sa.privateKey.export({ type: 'pkcs1', format: 'pem' }), {
          mode: 0o600,
        });
        writeFileSync(join(pki, 'sa.pub'), sa.publicKey.export({ type: 'spki', format: 'pem' }));
        writeFileSync(
          join(pki, 'tokens.csv'),
          `${token},admin,uid-admin,system:masters\n${nobodyToken},nobody,uid-nobody\n`,
          { mode: 0o600 },
        );
        kubeconfigPath = writeKubeconfig(dir, url, serving.cert, token);
        unprivilegedKubeconfigPath = writeKubeconfig(
          dir,
          url,
          serving.cert,
          nobodyToken,
          'kubeconfig-nobody',
        );
      },
      args: (dir) => {
        const pki = join(dir, 'pki');
        return [
          `--etcd-servers=http://127.0.0.1:${etcdClient}`,
          '--bind-address=127.0.0.1',
          `--secure-port=${securePort}`,
          '--advertise-address=127.0.0.1',
          '--endpoint-reconciler-type=none',
          `--tls-cert-file=${join(pki, 'apiserver.crt')}`,
          `--tls-private-key-file=${join(pki, 'apiserver.key')}`,
          `--client-ca-file=${join(pki, 'apiserver.crt')}`,
          `--cert-dir=${join(dir, 'certs')}`,
          `--token-auth-file=${join(pki, 'tokens.csv')}`,
          '--authorization-mode=RBAC',
          '--service-account-issuer=https://kubernetes.default.svc',
          `--service-account-key-file=${join(pki, 'sa.pub')}`,
          `--service-account-signing-key-file=${join(pki, 'sa.key')}`,
          '--service-cluster-ip-range=10.0.0.0/24',
          '--enable-priority-and-fairness=false',
          '--profiling=false',
          '-v=0',
        ];
      },
      ready: async () => {
        const r = await call(url, token, serving.cert, 'GET', '/readyz', undefined);
        return r.status === 200;
      },
    });
  } catch (e) {
    await etcd.stop();
    throw e;
  }

  const request: KubeApiServer['request'] = async (method, path, body, o = {}) => {
    const r = await call(url, token, serving.cert, method, path, body, o);
    if (r.status >= 200 && r.status < 300) return r.json ?? {};
    if (o.allow?.includes(r.status)) return { ...(r.json ?? {}), code: r.status };
    throw new KubeRequestError(r.status, r.json, `${method} ${path}`);
  };

  // No controller-manager runs: the ServiceAccount it would create (Pods need it).
  await request(
    'POST',
    '/api/v1/namespaces/default/serviceaccounts',
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default' },
    },
    { allow: [409] },
  );

  const list = async (path: string, labelSelector?: string): Promise<Json[]> => {
    const r = await request('GET', path, undefined, labelSelector ? { query: { labelSelector } } : {});
    return (r.items as Json[] | undefined) ?? [];
  };

  return {
    url,
    token,
    caPem: serving.cert,
    kubeconfigPath,
    unprivilegedKubeconfigPath,
    request,
    list,
    async installCrds(crds) {
      for (const crd of crds) {
        await request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd, {
          allow: [409],
        });
      }
      for (const crd of crds) {
        const name = crd.metadata.name as string;
        const group = crd.spec.group as string;
        const version = (crd.spec.versions as Json[]).find((v) => v.storage)!.name as string;
        const plural = crd.spec.names.plural as string;
        const deadline = Date.now() + 30_000;
        for (;;) {
          const got = await request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`);
          const established = (got.status?.conditions as Json[] | undefined)?.some(
            (c) => c.type === 'Established' && c.status === 'True',
          );
          // A watch answers at once (timeoutSeconds=1) once the watch cache is up; 429 before.
          const watch =
            established &&
            (await call(url, token, serving.cert, 'GET', `/apis/${group}/${version}/${plural}`, undefined, {
              query: { watch: '1', timeoutSeconds: '1' },
            }));
          if (watch && watch.status === 200) break;
          if (Date.now() > deadline) throw new Error(`CRD ${name} not served after 30 s`);
          await sleep(100);
        }
      }
    },
    async deleteAll(path) {
      for (const item of await list(path)) {
        await request('DELETE', `${path}/${encodeURIComponent(item.metadata.name as string)}`, undefined, {
          allow: [404],
        });
      }
    },
    etcdUrl: `http://127.0.0.1:${etcdClient}`,
    async compactEtcd() {
      // etcd's v3 JSON gateway: the current revision, then a physical compaction up to it.
      const post = async (path: string, body: unknown) => {
        const r = await fetch(`http://127.0.0.1:${etcdClient}${path}`, {
          method: 'POST',
          body: JSON.stringify(body),
        });
        if (!r.ok) throw new Error(`etcd ${path}: ${r.status} ${await r.text()}`);
        return (await r.json()) as Json;
      };
      const status = await post('/v3/kv/range', { key: Buffer.from('/').toString('base64') });
      const revision = status.header.revision as string;
      await post('/v3/kv/compaction', { revision, physical: true });
    },
    etcd,
    apiserver: apiserver!,
    async stop() {
      await apiserver.stop();
      await etcd.stop();
    },
  };
}
