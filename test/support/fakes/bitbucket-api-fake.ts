// A small stand-in for Bitbucket Cloud's API 2.0 on 127.0.0.1: repository webhooks (list with
// `next` pagination, create, update, delete) behind one Authorization value. Eventide calls
// api.bitbucket.org, so tests pass `redirectingFetch`, which sends those calls here instead.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { startFakeApi, type FakeApi } from './fake-api-server.js';

export interface FakeCloudHook {
  uuid: string;
  url: string;
  description?: string;
  active: boolean;
  events: string[];
}

export interface BitbucketApiFake extends FakeApi {
  /** hooks by "owner/slug" */
  hooks: Map<string, FakeCloudHook[]>;
  /** fetch that sends https://api.bitbucket.org/… to this fake */
  redirectingFetch: typeof fetch;
}

export async function startBitbucketApiFake(o: {
  authorization: string;
  pageLen?: number;
}): Promise<BitbucketApiFake> {
  const hooks = new Map<string, FakeCloudHook[]>();
  const api = await startFakeApi((app, ctx) => {
    const key = (req: FastifyRequest) => {
      const p = req.params as { owner: string; slug: string };
      return `${p.owner}/${p.slug}`;
    };
    const guard = (req: FastifyRequest, reply: FastifyReply) =>
      ctx.requireHeader(req, reply, 'authorization', o.authorization);
    const base = '/2.0/repositories/:owner/:slug/hooks';
    app.get(base, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const all = hooks.get(key(req)) ?? [];
      const len = o.pageLen ?? 10;
      const page = Number((req.query as { page?: string }).page ?? '1');
      const next =
        page * len < all.length
          ? `https://api.bitbucket.org${req.url.split('?')[0]}?page=${page + 1}`
          : undefined;
      return { values: all.slice((page - 1) * len, page * len), pagelen: len, ...(next ? { next } : {}) };
    });
    app.post(base, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const hook = { ...(req.body as Omit<FakeCloudHook, 'uuid'>), uuid: `{${randomUUID()}}` };
      hooks.set(key(req), [...(hooks.get(key(req)) ?? []), hook]);
      return reply.code(201).send(hook);
    });
    app.put(`${base}/:uuid`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const hook = (hooks.get(key(req)) ?? []).find((h) => h.uuid === (req.params as { uuid: string }).uuid);
      if (!hook) return reply.code(404).send({ type: 'error', error: { message: 'Resource not found' } });
      Object.assign(hook, req.body);
      return hook;
    });
    app.delete(`${base}/:uuid`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const uuid = (req.params as { uuid: string }).uuid;
      hooks.set(
        key(req),
        (hooks.get(key(req)) ?? []).filter((h) => h.uuid !== uuid),
      );
      return reply.code(204).send();
    });
  });
  const redirectingFetch: typeof fetch = (input, init) =>
    fetch(String(input).replace('https://api.bitbucket.org', api.url), init);
  return { ...api, hooks, redirectingFetch };
}
