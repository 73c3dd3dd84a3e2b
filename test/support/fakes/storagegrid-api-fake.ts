// A small stand-in for StorageGRID's tenant management API on 127.0.0.1: endpoints (list,
// create) and a bucket's notification configuration, behind a bearer token.
import { startFakeApi, type FakeApi } from './fake-api-server.js';

export interface StorageGridApiFake extends FakeApi {
  endpoints: { displayName: string; endpointURI: string; endpointURN: string }[];
  /** notification XML by bucket */
  notifications: Map<string, string>;
}

export async function startStorageGridApiFake(o: { token: string }): Promise<StorageGridApiFake> {
  const endpoints: StorageGridApiFake['endpoints'] = [];
  const notifications = new Map<string, string>();
  const api = await startFakeApi((app, ctx) => {
    app.get('/api/v3/org/endpoints', async (req, reply) => {
      if (!ctx.requireHeader(req, reply, 'authorization', `Bearer ${o.token}`)) return reply;
      return { status: 'success', data: endpoints };
    });
    app.post('/api/v3/org/endpoints', async (req, reply) => {
      if (!ctx.requireHeader(req, reply, 'authorization', `Bearer ${o.token}`)) return reply;
      endpoints.push(req.body as StorageGridApiFake['endpoints'][number]);
      return reply.code(201).send({ status: 'success' });
    });
    app.put('/api/v3/org/containers/:bucket/notification', async (req, reply) => {
      if (!ctx.requireHeader(req, reply, 'authorization', `Bearer ${o.token}`)) return reply;
      notifications.set(
        (req.params as { bucket: string }).bucket,
        (req.body as { notification: string }).notification,
      );
      return { status: 'success' };
    });
  });
  return { ...api, endpoints, notifications };
}
