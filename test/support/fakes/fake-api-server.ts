// The common frame of the Git-host API fakes: a fastify server on 127.0.0.1 that records every
// call (method, path, Authorization, body) and refuses calls without the expected credentials.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  method: string;
  path: string;
  authorization: string;
  body: unknown;
}

export interface FakeApi {
  url: string;
  calls: FakeCall[];
  close(): Promise<void>;
}

export interface FakeApiContext {
  /** answers 401 (and returns false) unless the header `name` equals `value` */
  requireHeader(req: FastifyRequest, reply: FastifyReply, name: string, value: string): boolean;
}

export async function startFakeApi(
  register: (app: FastifyInstance, ctx: FakeApiContext) => void,
): Promise<FakeApi> {
  const app = Fastify({ logger: false });
  const calls: FakeCall[] = [];
  app.addHook('preHandler', async (req) => {
    calls.push({
      method: req.method,
      path: req.url,
      authorization: req.headers.authorization ?? '',
      body: req.body,
    });
  });
  register(app, {
    requireHeader(req, reply, name, value) {
      if (req.headers[name] === value) return true;
      void reply.code(401).send({ message: 'Unauthorized' });
      return false;
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => app.close() };
}
