// A small stand-in for Bitbucket Server's REST API 1.0 on 127.0.0.1 (under /rest): repository
// webhooks (paged list, create, update, delete), the repositories of a project, and the pull
// requests of a commit, behind a bearer token. Pages hold `pageSize` values.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { startFakeApi, type FakeApi } from './fake-api-server.js';

export interface FakeServerHook {
  id: number;
  name?: string;
  url: string;
  active?: boolean;
  events: string[];
  configuration?: { secret?: string };
}

export interface BitbucketServerApiFake extends FakeApi {
  /** the base URL to configure: <url>/rest */
  base: string;
  /** hooks by "PROJECT/slug" */
  hooks: Map<string, FakeServerHook[]>;
}

export interface BitbucketServerFakeOptions {
  token: string;
  pageSize?: number;
  /** repository slugs by project key */
  projects?: Record<string, string[]>;
  /** pull request states by commit hash */
  pullRequests?: Record<string, string[]>;
}

function page<T>(values: T[], req: FastifyRequest, size: number) {
  const start = Number((req.query as { start?: string }).start ?? '0');
  const slice = values.slice(start, start + size);
  const isLastPage = start + size >= values.length;
  return {
    size: slice.length,
    start,
    values: slice,
    isLastPage,
    ...(isLastPage ? {} : { nextPageStart: start + size }),
  };
}

export async function startBitbucketServerApiFake(
  o: BitbucketServerFakeOptions,
): Promise<BitbucketServerApiFake> {
  const hooks = new Map<string, FakeServerHook[]>();
  const size = o.pageSize ?? 25;
  let nextId = 1;
  const api = await startFakeApi((app, ctx) => {
    const repoKey = (req: FastifyRequest) => {
      const p = req.params as { key: string; slug: string };
      return `${p.key}/${p.slug}`;
    };
    const guard = (req: FastifyRequest, reply: FastifyReply) =>
      ctx.requireHeader(req, reply, 'authorization', `Bearer ${o.token}`);
    const repo = '/rest/api/1.0/projects/:key/repos/:slug';

    app.get('/rest/api/1.0/projects/:key/repos', async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const key = (req.params as { key: string }).key;
      const slugs = o.projects?.[key];
      if (!slugs) return reply.code(404).send({ errors: [{ message: `Project ${key} does not exist.` }] });
      return page(
        slugs.map((slug) => ({ slug, project: { key } })),
        req,
        size,
      );
    });
    app.get(`${repo}/commits/:hash/pull-requests`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const states = o.pullRequests?.[(req.params as { hash: string }).hash] ?? [];
      return page(
        states.map((state, id) => ({ id, state })),
        req,
        size,
      );
    });
    app.get(`${repo}/webhooks`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      return page(hooks.get(repoKey(req)) ?? [], req, size);
    });
    app.post(`${repo}/webhooks`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const hook = { ...(req.body as Omit<FakeServerHook, 'id'>), id: nextId++ };
      hooks.set(repoKey(req), [...(hooks.get(repoKey(req)) ?? []), hook]);
      return reply.code(201).send(hook);
    });
    app.put(`${repo}/webhooks/:id`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const list = hooks.get(repoKey(req)) ?? [];
      const i = list.findIndex((h) => h.id === Number((req.params as { id: string }).id));
      if (i < 0) return reply.code(404).send({ errors: [{ message: 'No such webhook' }] });
      // A PUT replaces the webhook: a body without configuration clears the secret.
      list[i] = { ...(req.body as Omit<FakeServerHook, 'id'>), id: list[i]!.id };
      return list[i];
    });
    app.delete(`${repo}/webhooks/:id`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const id = Number((req.params as { id: string }).id);
      hooks.set(
        repoKey(req),
        (hooks.get(repoKey(req)) ?? []).filter((h) => h.id !== id),
      );
      return reply.code(204).send();
    });
  });
  return { ...api, base: `${api.url}/rest`, hooks };
}
