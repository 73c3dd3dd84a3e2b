// A small in-memory Kubernetes API server on 127.0.0.1 for resource-trigger tests: discovery
// (/api/v1, /apis/GROUP/VERSION), and get / list (equality label selectors) / create (with
// generateName) / replace / patch (merge, strategic treated as merge, JSON patch) / delete of the
// kinds it is told about; lists are paged when a `limit` is sent. Requests are recorded, and a
// test can make the next request fail or lose its answer after the server acted on it (to
// exercise retries).
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export interface FakeKind {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export const DEFAULT_KINDS: FakeKind[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
  { apiVersion: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
  { apiVersion: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
  { apiVersion: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', plural: 'workflows', namespaced: true },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    plural: 'workflowtemplates',
    namespaced: true,
  },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', plural: 'cronworkflows', namespaced: true },
];

/** Not served unless asked for (secrets tests): `startFakeK8sApi([...DEFAULT_KINDS, SECRET_KIND])`. */
export const SECRET_KIND: FakeKind = {
  apiVersion: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  namespaced: true,
};

export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  authorization?: string;
  body?: unknown;
}

export interface FakeK8sApi {
  url: string;
  /** a kubeconfig file pointing at this server with its bearer token */
  kubeconfigPath: string;
  token: string;
  requests: RecordedRequest[];
  objects(plural: string, namespace?: string): Obj[];
  get(plural: string, namespace: string, name: string): Obj | undefined;
  /** stores an object as if created (seeding ConfigMaps, templates) */
  put(obj: Obj): Obj;
  /** changes a stored object in place (a controller at work) */
  mutate(plural: string, namespace: string, name: string, change: (o: Obj) => void): void;
  /** answer the next `count` requests with `status` (optionally only for one method) */
  failNext(count: number, status?: number, method?: string): void;
  /** hold the answers to the next `count` requests (optionally only of one method) for `ms` */
  delayNext(count: number, ms: number, method?: string): void;
  /** act on the next request of `method`, then drop the connection without answering */
  loseNextAnswer(method: string): void;
  reset(): void;
  close(): Promise<void>;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function jsonPointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatch(doc: Obj, ops: { op: string; path: string; value?: unknown }[]): Obj {
  const out = structuredClone(doc);
  for (const op of ops) {
    const keys = jsonPointer(op.path);
    const last = keys.pop()!;
    let parent: Obj = out;
    for (const k of keys) parent = parent[k] as Obj;
    if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete (parent as Obj)[last];
    } else if (Array.isArray(parent) && op.op === 'add') {
      parent.splice(last === '-' ? parent.length : Number(last), 0, op.value);
    } else (parent as Obj)[last] = op.value;
  }
  return out;
}

function status(code: number, reason: string, message: string) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function matches(obj: Obj, selector: string | undefined): boolean {
  if (!selector) return true;
  const labels: Obj = obj.metadata?.labels ?? {};
  return selector
    .split(',')
    .filter(Boolean)
    .every((term) => {
      const [k, v] = term.split('=');
      return labels[k!] === v;
    });
}

export async function startFakeK8sApi(kinds: FakeKind[] = DEFAULT_KINDS): Promise<FakeK8sApi> {
  const token = `fake-${randomBytes(6).toString('hex')}`;
  const store = new Map<string, Obj>();
  const requests: RecordedRequest[] = [];
  let failures: { count: number; status: number; method?: string } = { count: 0, status: 500 };
  let loseAnswerOf: string | undefined;
  let delays: { count: number; ms: number; method?: string } = { count: 0, ms: 0 };
  let version = 1;

  const kindByPlural = (apiVersion: string, plural: string) =>
    kinds.find((k) => k.apiVersion === apiVersion && k.plural === plural);
  const key = (k: FakeKind, ns: string, name: string) => `${k.apiVersion}|${k.plural}|${ns}|${name}`;

  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const handle = async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const contentType = req.headers['content-type'];
    let body: unknown;
    if (typeof req.body === 'string' && req.body !== '') {
      try {
        body = JSON.parse(req.body);
      } catch {
        body = req.body;
      }
    }
    requests.push({
      method: req.method,
      path: url.pathname,
      query,
      contentType,
      authorization: req.headers.authorization,
      body,
    });
    if (delays.count > 0 && (!delays.method || delays.method === req.method)) {
      delays.count--;
      await new Promise((r) => setTimeout(r, delays.ms));
    }
    if (req.headers.authorization !== `Bearer ${token}`)
      return reply.code(401).send(status(401, 'Unauthorized', 'Unauthorized'));
    if (failures.count > 0 && (!failures.method || failures.method === req.method)) {
      failures.count--;
      return reply.code(failures.status).send(status(failures.status, 'InternalError', 'failing on purpose'));
    }

    const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    let apiVersion: string;
    let rest: string[];
    if (segs[0] === 'api') {
      apiVersion = segs[1] ?? '';
      rest = segs.slice(2);
    } else if (segs[0] === 'apis') {
      apiVersion = `${segs[1]}/${segs[2]}`;
      rest = segs.slice(3);
    } else
      return reply
        .code(404)
        .send(status(404, 'NotFound', 'the server could not find the requested resource'));

    if (rest.length === 0 && req.method === 'GET') {
      const resources = kinds
        .filter((k) => k.apiVersion === apiVersion)
        .map((k) => ({
          name: k.plural,
          singularName: k.kind.toLowerCase(),
          namespaced: k.namespaced,
          kind: k.kind,
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
        }));
      if (resources.length === 0)
        return reply
          .code(404)
          .send(status(404, 'NotFound', 'the server could not find the requested resource'));
      return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersion, resources };
    }
    let ns = '';
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      ns = rest[1]!;
      rest = rest.slice(2);
    }
    const kind = kindByPlural(apiVersion, rest[0] ?? '');
    if (!kind)
      return reply
        .code(404)
        .send(status(404, 'NotFound', `the server could not find the requested resource (${rest[0]})`));
    const name = rest[1];
    const notFound = () =>
      reply.code(404).send(status(404, 'NotFound', `${kind.plural} "${name}" not found`));

    let answer: { code: number; body: unknown };
    if (req.method === 'GET' && !name) {
      const items = [...store.values()].filter(
        (o) =>
          o.apiVersion === kind.apiVersion &&
          o.kind === kind.kind &&
          (!kind.namespaced || o.metadata.namespace === ns) &&
          matches(o, query.labelSelector),
      );
      // Paged like the real API when asked (`limit`); the continue token is the next offset.
      const from = Number(query.continue ?? 0);
      const limit = Number(query.limit ?? 0);
      const page = limit > 0 ? items.slice(from, from + limit) : items.slice(from);
      const more = limit > 0 && from + limit < items.length;
      answer = {
        code: 200,
        body: {
          kind: `${kind.kind}List`,
          apiVersion: kind.apiVersion,
          metadata: more ? { continue: String(from + limit) } : {},
          items: page,
        },
      };
    } else if (req.method === 'GET') {
      const o = store.get(key(kind, ns, name!));
      if (!o) return notFound();
      answer = { code: 200, body: o };
    } else if (req.method === 'POST' && !name) {
      if (!isObj(body)) return reply.code(400).send(status(400, 'BadRequest', 'body must be an object'));
      if (body.kind !== kind.kind)
        return reply
          .code(400)
          .send(status(400, 'BadRequest', `kind ${body.kind} does not match ${kind.kind}`));
      const meta: Obj = { ...(body.metadata ?? {}) };
      if (!meta.name && meta.generateName)
        meta.name = `${meta.generateName}${randomBytes(3).toString('hex').slice(0, 5)}`;
      if (!meta.name) return reply.code(422).send(status(422, 'Invalid', 'name or generateName is required'));
      if (kind.namespaced) {
        if (meta.namespace && meta.namespace !== ns)
          return reply
            .code(400)
            .send(
              status(
                400,
                'BadRequest',
                'the namespace of the object does not match the namespace on the request',
              ),
            );
        meta.namespace = ns;
      }
      if (store.has(key(kind, ns, meta.name)))
        return reply
          .code(409)
          .send(status(409, 'AlreadyExists', `${kind.plural} "${meta.name}" already exists`));
      const created = {
        ...body,
        metadata: {
          ...meta,
          uid: randomUUID(),
          resourceVersion: String(version++),
          creationTimestamp: new Date().toISOString(),
        },
      };
      store.set(key(kind, ns, meta.name), created);
      answer = { code: 201, body: created };
    } else if (req.method === 'PUT' && name) {
      const current = store.get(key(kind, ns, name));
      if (!current) return notFound();
      if (!isObj(body)) return reply.code(400).send(status(400, 'BadRequest', 'body must be an object'));
      const rv = body.metadata?.resourceVersion;
      if (rv && rv !== current.metadata.resourceVersion)
        return reply.code(409).send(status(409, 'Conflict', 'the object has been modified'));
      const replaced = {
        ...body,
        metadata: { ...body.metadata, uid: current.metadata.uid, resourceVersion: String(version++) },
      };
      store.set(key(kind, ns, name), replaced);
      answer = { code: 200, body: replaced };
    } else if (req.method === 'PATCH' && name) {
      const current = store.get(key(kind, ns, name));
      if (!current) return notFound();
      let patched: Obj;
      if (contentType?.startsWith('application/json-patch+json')) {
        if (!Array.isArray(body))
          return reply.code(400).send(status(400, 'BadRequest', 'json patch must be a list of operations'));
        patched = jsonPatch(current, body);
      } else patched = mergePatch(current, body) as Obj;
      patched.metadata = {
        ...patched.metadata,
        uid: current.metadata.uid,
        resourceVersion: String(version++),
      };
      store.set(key(kind, ns, name), patched);
      answer = { code: 200, body: patched };
    } else if (req.method === 'DELETE' && name) {
      if (!store.delete(key(kind, ns, name))) return notFound();
      answer = { code: 200, body: { kind: 'Status', apiVersion: 'v1', status: 'Success' } };
    } else {
      return reply.code(405).send(status(405, 'MethodNotAllowed', `${req.method} is not allowed here`));
    }
    if (loseAnswerOf === req.method) {
      loseAnswerOf = undefined;
      reply.hijack();
      reply.raw.destroy();
      return;
    }
    return reply.code(answer.code).send(answer.body);
  };
  app.route({ method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], url: '/*', handler: handle });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const kubeconfigPath = writeKubeconfig(url, token);

  const pluralKind = (plural: string) => {
    const k = kinds.find((x) => x.plural === plural);
    if (!k) throw new Error(`the fake API does not serve ${plural}`);
    return k;
  };
  return {
    url,
    kubeconfigPath,
    token,
    requests,
    objects(plural, namespace) {
      const k = pluralKind(plural);
      return [...store.values()].filter(
        (o) =>
          o.kind === k.kind &&
          o.apiVersion === k.apiVersion &&
          (namespace === undefined || o.metadata.namespace === namespace),
      );
    },
    get(plural, namespace, name) {
      return store.get(key(pluralKind(plural), namespace, name));
    },
    put(obj) {
      const k = kinds.find((x) => x.apiVersion === obj.apiVersion && x.kind === obj.kind);
      if (!k) throw new Error(`the fake API does not serve ${obj.apiVersion} ${obj.kind}`);
      const ns = k.namespaced ? (obj.metadata.namespace ?? 'default') : '';
      const stored = {
        ...obj,
        metadata: {
          ...obj.metadata,
          ...(ns ? { namespace: ns } : {}),
          uid: randomUUID(),
          resourceVersion: String(version++),
        },
      };
      store.set(key(k, ns, obj.metadata.name), stored);
      return stored;
    },
    mutate(plural, namespace, name, change) {
      const o = store.get(key(pluralKind(plural), namespace, name));
      if (!o) throw new Error(`no ${plural} ${namespace}/${name}`);
      change(o);
      o.metadata.resourceVersion = String(version++);
    },
    failNext(count, code = 500, method) {
      failures = { count, status: code, method };
    },
    delayNext(count, ms, method) {
      delays = { count, ms, method };
    },
    loseNextAnswer(method) {
      loseAnswerOf = method;
    },
    reset() {
      store.clear();
      requests.length = 0;
      failures = { count: 0, status: 500 };
      loseAnswerOf = undefined;
      delays = { count: 0, ms: 0 };
    },
    close: () => app.close(),
  };
}

/** A kubeconfig with one cluster (the given server) and a bearer token user. */
export function writeKubeconfig(server: string, token: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eventide-kubeconfig-'));
  const path = join(dir, 'config');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      // client-node refuses plain HTTP unless TLS verification is explicitly off.
      `- name: fake\n  cluster:\n    server: ${server}\n    insecure-skip-tls-verify: true`,
      'users:',
      `- name: fake-user\n  user:\n    token: ${token}`,
      'contexts:',
      '- name: fake\n  context:\n    cluster: fake\n    user: fake-user\n    namespace: default',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return path;
}
