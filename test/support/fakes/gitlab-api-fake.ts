// A small stand-in for GitLab's REST API v4 on 127.0.0.1: project and group hooks (list with
// X-Next-Page pagination, add, edit, delete) behind a PRIVATE-TOKEN. The hook token is kept for
// assertions but, like GitLab, never listed.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { startFakeApi, type FakeApi } from './fake-api-server.js';

export interface FakeGitlabHook {
  id: number;
  url: string;
  token?: string;
  [field: string]: unknown;
}

export interface GitlabApiFake extends FakeApi {
  /** hooks by collection ("projects/whynowy/test", "groups/my-group"), ids decoded */
  hooks: Map<string, FakeGitlabHook[]>;
}

const listed = ({ token: _token, ...rest }: FakeGitlabHook) => rest;

export async function startGitlabApiFake(o: { token: string; perPage?: number }): Promise<GitlabApiFake> {
  const hooks = new Map<string, FakeGitlabHook[]>();
  let nextId = 1;
  const api = await startFakeApi((app, ctx) => {
    const key = (req: FastifyRequest) => {
      const p = req.params as { kind: string; id: string };
      return `${p.kind}/${decodeURIComponent(p.id)}`;
    };
    const guard = (req: FastifyRequest, reply: FastifyReply) => {
      if (!ctx.requireHeader(req, reply, 'private-token', o.token)) return false;
      const kind = (req.params as { kind: string }).kind;
      if (kind !== 'projects' && kind !== 'groups') {
        void reply.code(404).send({ message: '404 Not Found' });
        return false;
      }
      return true;
    };
    app.get('/api/v4/:kind/:id/hooks', async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const all = hooks.get(key(req)) ?? [];
      const perPage = o.perPage ?? 20;
      const page = Number((req.query as { page?: string }).page ?? '1');
      if (page * perPage < all.length) void reply.header('x-next-page', String(page + 1));
      return all.slice((page - 1) * perPage, page * perPage).map(listed);
    });
    app.post('/api/v4/:kind/:id/hooks', async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const hook: FakeGitlabHook = { ...(req.body as { url: string }), id: nextId++ };
      hooks.set(key(req), [...(hooks.get(key(req)) ?? []), hook]);
      return reply.code(201).send(listed(hook));
    });
    app.put('/api/v4/:kind/:id/hooks/:hookId', async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const id = Number((req.params as { hookId: string }).hookId);
      const hook = (hooks.get(key(req)) ?? []).find((h) => h.id === id);
      if (!hook) return reply.code(404).send({ message: '404 Not found' });
      Object.assign(hook, req.body);
      return listed(hook);
    });
    app.delete('/api/v4/:kind/:id/hooks/:hookId', async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const id = Number((req.params as { hookId: string }).hookId);
      hooks.set(
        key(req),
        (hooks.get(key(req)) ?? []).filter((h) => h.id !== id),
      );
      return reply.code(204).send();
    });
  });
  return { ...api, hooks };
}
