// A loopback stand-in for Stripe's /v1/webhook_endpoints API: list (paginated), create, update,
// Bearer-key auth and Stripe's error shape; records every request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeEndpoint {
  id: string;
  url: string;
  enabled_events: string[];
  description?: string;
  secret: string;
}

export interface StripeApiFake {
  url: string;
  endpoints: FakeEndpoint[];
  requests: { method: string; path: string; form: URLSearchParams; authorization: string }[];
  close(): Promise<void>;
}

function formEvents(form: URLSearchParams): string[] {
  return [...form.entries()].filter(([k]) => /^enabled_events\[\d*\]$/.test(k)).map(([, v]) => v);
}

export async function startStripeApiFake(
  apiKey: string,
  opts: { pageSize?: number } = {},
): Promise<StripeApiFake> {
  const endpoints: FakeEndpoint[] = [];
  const requests: StripeApiFake['requests'] = [];
  let next = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://fake');
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const authorization = String(req.headers.authorization ?? '');
      requests.push({ method: req.method ?? '', path: u.pathname, form, authorization });
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (authorization !== `Bearer ${apiKey}`) {
        // Like Stripe, quote the key with its middle masked.
        const given = authorization.replace(/^Bearer /, '');
        const masked = `${given.slice(0, 8)}${'*'.repeat(Math.max(0, given.length - 12))}${given.slice(-4)}`;
        return send(401, {
          error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${masked}` },
        });
      }
      const view = ({ secret: _s, ...rest }: FakeEndpoint) => ({ object: 'webhook_endpoint', ...rest });
      if (req.method === 'GET' && u.pathname === '/v1/webhook_endpoints') {
        const limit = Math.min(Number(u.searchParams.get('limit') ?? 10), opts.pageSize ?? 100);
        const after = u.searchParams.get('starting_after');
        const start = after ? endpoints.findIndex((e) => e.id === after) + 1 : 0;
        const page = endpoints.slice(start, start + limit);
        return send(200, {
          object: 'list',
          data: page.map(view),
          has_more: start + limit < endpoints.length,
        });
      }
      if (req.method === 'POST' && u.pathname === '/v1/webhook_endpoints') {
        const events = formEvents(form);
        if (!form.get('url') || events.length === 0) {
          return send(400, {
            error: { type: 'invalid_request_error', message: 'Missing required param: enabled_events.' },
          });
        }
        const e: FakeEndpoint = {
          id: `we_${next++}`,
          url: form.get('url')!,
          enabled_events: events,
          description: form.get('description') ?? '',
          secret: `whsec_fake_${next}`,
        };
        endpoints.push(e);
        return send(200, { ...view(e), secret: e.secret });
      }
      const update = /^\/v1\/webhook_endpoints\/([^/]+)$/.exec(u.pathname);
      const target = update && endpoints.find((e) => e.id === decodeURIComponent(update[1]!));
      if (req.method === 'POST' && target) {
        const events = formEvents(form);
        if (events.length > 0) target.enabled_events = events;
        return send(200, view(target));
      }
      return send(404, {
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${req.method}: ${u.pathname})`,
        },
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    endpoints,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
