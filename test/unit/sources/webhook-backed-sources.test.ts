// The rules every webhook-backed source shares (src/sources/push-common), checked across types:
// event headers as Go's http.Header (no Host, secrets masked), event ids scoped to the route,
// empty secrets refused, the bearer check, and the EventSource filter validated where Argo's type
// has one and ignored where it has none.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { stringify } from 'yaml';
import { validateText } from '../../../src/manifest/validate-manifest.js';
import { buildRouteTable } from '../../../src/ingress/route-table.js';
import type { EventSourceManifest } from '../../../src/vocabulary/manifest-types.js';
import type { IngressRequest } from '../../../src/sources/source-type.js';
import { eventHeaders, MASKED_AUTH } from '../../../src/sources/push-common/request-headers.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';

const PORT = 12000;

const problemsOf = (doc: object) =>
  validateText('es.yaml', stringify(doc)).problems.map((p) => `${p.path}: ${p.message}`);

function request(headers: Record<string, string[]>): IngressRequest {
  return {
    method: 'POST',
    url: '/',
    path: '/',
    query: new URLSearchParams(),
    headers,
    rawBody: Buffer.alloc(0),
    contentType: '',
    receivedAt: 0,
  };
}

const webhook = (extra: Record<string, unknown> = {}) =>
  eventSource('hooks', {
    webhook: { orders: { port: String(PORT), endpoint: '/orders', method: 'POST', ...extra } },
  });

function github(name: string, extra: Record<string, unknown> = {}) {
  return eventSource(name, {
    github: {
      example: {
        repositories: [{ owner: 'argoproj', names: ['argo-events'] }],
        webhook: { endpoint: '/push', port: String(PORT), method: 'POST' },
        ...extra,
      },
    },
  });
}

const post = (
  h: ReturnType<typeof saasPortApp>,
  url: string,
  payload: string,
  headers: Record<string, string>,
) => h.app.inject({ method: 'POST', url, payload, headers });

const githubDelivery = (id: string) => ({
  'content-type': 'application/json',
  'x-github-event': 'push',
  'x-github-delivery': id,
});

describe('webhook-backed sources', () => {
  describe('event headers', () => {
    test('Host is dropped and canonical names keep every value', () => {
      const h = eventHeaders(request({ host: ['example.com'], 'x-trace-id': ['a', 'b'] }));
      assert.deepEqual(h, { 'X-Trace-Id': ['a', 'b'] });
    });

    test('Authorization is masked when any value is set, kept when every value is empty', () => {
      assert.deepEqual(eventHeaders(request({ authorization: ['', 'Bearer t0k'] })).Authorization, [
        MASKED_AUTH,
      ]);
      assert.deepEqual(eventHeaders(request({ authorization: [''] })).Authorization, ['']);
    });

    test('the webhook type drops Host like the others', async () => {
      const h = saasPortApp(webhook(), { port: PORT });
      const res = await post(h, '/orders', '{"n":1}', {
        'content-type': 'application/json',
        host: 'hooks.example.com',
      });
      assert.equal(res.statusCode, 200);
      const header = (h.events()[0] as { header: Record<string, string[]> }).header;
      assert.equal(header.Host, undefined);
      assert.deepEqual(header['Content-Type'], ['application/json']);
    });
  });

  describe('event ids', () => {
    test('one delivery id reaching two EventSources makes two ids; a redelivery the same one', async () => {
      const ids: (string | undefined)[] = [];
      for (const name of ['github-a', 'github-b', 'github-a']) {
        const h = saasPortApp(github(name), { port: PORT });
        const res = await post(h, '/push', '{}', githubDelivery('d-1'));
        assert.equal(res.statusCode, 200);
        ids.push(h.dispatched[0]!.drafts[0]!.id);
      }
      assert.deepEqual(ids, ['default/github-a/example:d-1', 'default/github-b/example:d-1', ids[0]]);
    });
  });

  describe('secrets', () => {
    test('an empty bearer token on the server is a missing secret, not an open door', async () => {
      const h = saasPortApp(webhook({ authSecret: { name: 'tok', key: 't' } }), {
        port: PORT,
        secrets: secretsEnv({ name: 'tok', key: 't', value: '' }),
      });
      const res = await post(h, '/orders', '{}', {
        'content-type': 'application/json',
        authorization: 'Bearer ',
      });
      assert.equal(res.statusCode, 500);
      const body = res.json() as { code: string; message: string };
      assert.equal(body.code, 'EVT_ERR_INGRESS_SECRET_MISSING');
      assert.match(body.message, /spec\.webhook\.orders\.authSecret/);
      assert.equal(h.dispatched.length, 0);
    });

    test('an empty webhookSecret does not make an HMAC keyed with "" acceptable', async () => {
      const h = saasPortApp(github('gh', { webhookSecret: { name: 'gh', key: 's' } }), {
        port: PORT,
        secrets: secretsEnv({ name: 'gh', key: 's', value: '' }),
      });
      const forged = `sha256=${createHmac('sha256', '').update('{}').digest('hex')}`;
      const res = await post(h, '/push', '{}', { ...githubDelivery('d-2'), 'x-hub-signature-256': forged });
      assert.equal(res.statusCode, 500);
      assert.match((res.json() as { message: string }).message, /spec\.github\.example\.webhookSecret/);
      assert.equal(h.dispatched.length, 0);
    });

    test('the nested webhook.authSecret guards every type before its own checks', async () => {
      const h = saasPortApp(
        github('gh', {
          webhook: { endpoint: '/push', port: String(PORT), authSecret: { name: 'b', key: 't' } },
        }),
        { port: PORT, secrets: secretsEnv({ name: 'b', key: 't', value: 'tok-9' }) },
      );
      const send = (authorization?: string) =>
        post(h, '/push', 'not json', {
          ...githubDelivery('d-3'),
          ...(authorization ? { authorization } : {}),
        });
      assert.equal((await send()).statusCode, 401);
      assert.equal((await send('Bearer tok-8')).statusCode, 401);
      // Past the bearer check, the body is the type's concern: not JSON is a 400.
      assert.equal((await send('Bearer tok-9')).statusCode, 400);
    });
  });

  describe('the EventSource filter', () => {
    test('an expression that does not compile is a validation problem for every type that has one', () => {
      const filter = { expression: 'body.a ==' };
      const problems = [
        ...problemsOf(github('gh', { filter })),
        ...problemsOf(webhook({ filter })),
        ...problemsOf(
          eventSource('sl', {
            slack: {
              app: {
                webhook: { endpoint: '/slack', port: String(PORT) },
                signingSecret: { name: 's', key: 'k' },
                filter,
              },
            },
          }),
        ),
      ];
      assert.equal(problems.length, 3, problems.join('\n'));
      for (const [i, type] of ['github.example', 'webhook.orders', 'slack.app'].entries()) {
        assert.match(
          problems[i]!,
          new RegExp(`^spec\\.${type.replace('.', '\\.')}\\.filter\\.expression: invalid expression`),
        );
      }
    });

    test('stripe has no EventSource filter (as in Argo): a `filter` there filters nothing', () => {
      const doc = eventSource('st', {
        stripe: {
          payments: {
            webhook: { endpoint: '/stripe', port: String(PORT) },
            filter: { expression: 'false' },
          },
        },
      });
      const route = buildRouteTable([doc as EventSourceManifest])
        .byPort.get(PORT)
        ?.get('/stripe');
      assert.ok(route);
      assert.equal(route.filterExpression, undefined);
    });
  });

  test('a null optional secret selector is treated as absent', () => {
    const doc = eventSource('sl', {
      slack: {
        app: {
          webhook: { endpoint: '/slack', port: String(PORT) },
          signingSecret: { name: 's', key: 'k' },
          token: null,
        },
      },
    });
    assert.deepEqual(problemsOf(doc), []);
  });
});
