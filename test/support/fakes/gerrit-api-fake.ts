// A small stand-in for Gerrit's webhooks-plugin REST API on 127.0.0.1: a project's remotes
// (list, put, delete) under /a/ behind basic auth, answered with Gerrit's )]}' prefix.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { startFakeApi, type FakeApi } from './fake-api-server.js';

export interface FakeRemote {
  url: string;
  events?: string[];
  maxTries?: number;
  sslVerify?: boolean;
}

export interface GerritApiFake extends FakeApi {
  /** remotes by project, then by remote name */
  remotes: Map<string, Record<string, FakeRemote>>;
}

const gerritJson = (reply: FastifyReply, value: unknown) =>
  reply.type('application/json').send(`)]}'\n${JSON.stringify(value)}`);

export async function startGerritApiFake(o: { username: string; password: string }): Promise<GerritApiFake> {
  const remotes = new Map<string, Record<string, FakeRemote>>();
  const expected = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
  const api = await startFakeApi((app, ctx) => {
    const project = (req: FastifyRequest) => decodeURIComponent((req.params as { project: string }).project);
    const guard = (req: FastifyRequest, reply: FastifyReply) =>
      ctx.requireHeader(req, reply, 'authorization', expected);
    const base = '/a/config/server/webhooks~projects/:project/remotes';
    app.get(`${base}/`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      return gerritJson(reply, remotes.get(project(req)) ?? {});
    });
    app.put(`${base}/:name/`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const all = remotes.get(project(req)) ?? {};
      all[(req.params as { name: string }).name] = req.body as FakeRemote;
      remotes.set(project(req), all);
      return gerritJson(reply.code(201), req.body);
    });
    app.delete(`${base}/:name/`, async (req, reply) => {
      if (!guard(req, reply)) return reply;
      delete remotes.get(project(req))?.[(req.params as { name: string }).name];
      return reply.code(204).send();
    });
  });
  return { ...api, remotes };
}
