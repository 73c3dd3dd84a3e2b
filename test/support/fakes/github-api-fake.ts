// A small stand-in for GitHub's REST API on 127.0.0.1: repository and organization hooks (list
// with Link pagination, create, update, delete) and GitHub App installation tokens (the JWT is
// verified with the app's public key). Hook secrets are kept for assertions but, like GitHub,
// listed only as "********".
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createPublicKey, createVerify, type KeyObject } from 'node:crypto';
import { startFakeApi, type FakeApi } from './fake-api-server.js';

export interface FakeGithubHook {
  id: number;
  name: string;
  active: boolean;
  events: string[];
  config: { url?: string; content_type?: string; insecure_ssl?: string; secret?: string };
}

export interface GithubApiFake extends FakeApi {
  /** hooks by collection ("repos/o/r" or "orgs/o") */
  hooks: Map<string, FakeGithubHook[]>;
}

export interface GithubApiFakeOptions {
  /** the only token the API accepts (apiToken, or the installation token it hands out) */
  token: string;
  /** hooks per page when listing, to exercise pagination */
  perPage?: number;
  /** collections that answer 404, e.g. "repos/o/missing" */
  missing?: string[];
  app?: { appId: number; installationId: number; publicKeyPem: string };
}

function verifyAppJwt(jwt: string, key: KeyObject, appId: number): boolean {
  const [head, claims, sig] = jwt.split('.');
  if (!head || !claims || !sig) return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${head}.${claims}`);
  if (!verifier.verify(key, Buffer.from(sig, 'base64url'))) return false;
  const c = JSON.parse(Buffer.from(claims, 'base64url').toString()) as { iss?: string; exp?: number };
  return c.iss === String(appId) && (c.exp ?? 0) > Date.now() / 1000;
}

const listed = (h: FakeGithubHook) => ({
  ...h,
  config: { ...h.config, ...(h.config.secret ? { secret: '********' } : {}) },
});

export async function startGithubApiFake(o: GithubApiFakeOptions): Promise<GithubApiFake> {
  const hooks = new Map<string, FakeGithubHook[]>();
  let nextId = 100;
  const appKey = o.app ? createPublicKey(o.app.publicKeyPem) : undefined;
  const api = await startFakeApi((app, ctx) => {
    app.post<{ Params: { id: string } }>('/app/installations/:id/access_tokens', async (req, reply) => {
      const jwt = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (
        !o.app ||
        !appKey ||
        Number(req.params.id) !== o.app.installationId ||
        !verifyAppJwt(jwt, appKey, o.app.appId)
      ) {
        return reply.code(401).send({ message: 'A JSON web token could not be decoded' });
      }
      return reply
        .code(201)
        .send({ token: o.token, expires_at: new Date(Date.now() + 3600_000).toISOString() });
    });

    const collection = (req: FastifyRequest) => {
      const p = req.params as { owner?: string; repo?: string; org?: string };
      return p.org !== undefined ? `orgs/${p.org}` : `repos/${p.owner}/${p.repo}`;
    };
    const guard = (req: FastifyRequest, reply: FastifyReply): boolean => {
      if (!ctx.requireHeader(req, reply, 'authorization', `Bearer ${o.token}`)) return false;
      if (o.missing?.includes(collection(req))) {
        void reply.code(404).send({ message: 'Not Found' });
        return false;
      }
      return true;
    };

    for (const prefix of ['/repos/:owner/:repo/hooks', '/orgs/:org/hooks']) {
      app.get(prefix, async (req, reply) => {
        if (!guard(req, reply)) return reply;
        const all = hooks.get(collection(req)) ?? [];
        const perPage = o.perPage ?? 100;
        const page = Number((req.query as { page?: string }).page ?? '1');
        const slice = all.slice((page - 1) * perPage, page * perPage);
        if (page * perPage < all.length) {
          const next = new URL(req.url, `http://${req.headers.host}`);
          next.searchParams.set('page', String(page + 1));
          void reply.header('link', `<${next.toString()}>; rel="next"`);
        }
        return slice.map(listed);
      });
      app.post(prefix, async (req, reply) => {
        if (!guard(req, reply)) return reply;
        const b = req.body as Omit<FakeGithubHook, 'id'>;
        const hook: FakeGithubHook = {
          id: nextId++,
          name: b.name,
          active: b.active ?? true,
          events: b.events ?? ['push'],
          config: b.config,
        };
        hooks.set(collection(req), [...(hooks.get(collection(req)) ?? []), hook]);
        return reply.code(201).send(listed(hook));
      });
      app.patch(`${prefix}/:id`, async (req, reply) => {
        if (!guard(req, reply)) return reply;
        const hook = (hooks.get(collection(req)) ?? []).find(
          (h) => h.id === Number((req.params as { id: string }).id),
        );
        if (!hook) return reply.code(404).send({ message: 'Not Found' });
        Object.assign(hook, req.body as Partial<FakeGithubHook>);
        return listed(hook);
      });
      app.delete(`${prefix}/:id`, async (req, reply) => {
        if (!guard(req, reply)) return reply;
        const list = hooks.get(collection(req)) ?? [];
        const id = Number((req.params as { id: string }).id);
        if (!list.some((h) => h.id === id)) return reply.code(404).send({ message: 'Not Found' });
        hooks.set(
          collection(req),
          list.filter((h) => h.id !== id),
        );
        return reply.code(204).send();
      });
    }
  });
  return { ...api, hooks };
}
