// The stripe EventSource through the port app: Argo's event data (stripe-go's Event re-encoded),
// eventFilter, and Eventide's signature check (Stripe-Signature, when endpointSecret is set).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';

const PORT = 12000;
const WHSEC = 'whsec_test_5d1e8c';
const secrets = secretsEnv({ name: 'stripe', key: 'whsec', value: WHSEC });

function manifest(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return eventSource('stripe', {
    stripe: {
      payments: {
        webhook: { endpoint: '/stripe', port: String(PORT), method: 'POST', ...webhook },
        ...extra,
      },
    },
  });
}
const signedManifest = (extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) =>
  manifest({ endpointSecret: { name: 'stripe', key: 'whsec' }, ...extra }, webhook);

const stripeEvent = {
  id: 'evt_1OaB2c',
  object: 'event',
  api_version: '2023-10-16',
  created: 1700000000,
  data: {
    object: { id: 'pi_1', object: 'payment_intent', amount: 2000, currency: 'eur' },
    previous_attributes: { amount: 1000 },
  },
  livemode: false,
  pending_webhooks: 1,
  request: { id: 'req_9', idempotency_key: 'ik-1' },
  type: 'payment_intent.succeeded',
};
const body = JSON.stringify(stripeEvent);

// Stripe's published scheme: t=<unix s>,v1=hex(HMAC-SHA256(secret, "{t}.{body}")).
function stripeSignature(payload: string, opts: { ageSeconds?: number; secret?: string } = {}) {
  const t = Math.floor(Date.now() / 1000) - (opts.ageSeconds ?? 0);
  const v1 = createHmac('sha256', opts.secret ?? WHSEC)
    .update(`${t}.${payload}`)
    .digest('hex');
  return { t, v1, header: `t=${t},v1=${v1}` };
}

const post = (h: ReturnType<typeof saasPortApp>, payload: string, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/stripe',
    payload,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

const problemsOf = (m: object) =>
  validateText('x.yaml', stringify(m))
    .problems.map((p) => `${p.path}: ${p.message}`)
    .sort();

describe('stripe EventSource', () => {
  test("Argo's example manifest validates", () => {
    const r = validatePath('/work/shared/argo-examples/event-sources/stripe.yaml');
    assert.deepEqual(r.problems, []);
    assert.equal(r.valid.length, 1);
  });

  test('validation: createWebhook needs apiKey and webhook.url; extension fields are checked', () => {
    assert.deepEqual(problemsOf(manifest({ createWebhook: true })), [
      'spec.stripe.payments.apiKey: required',
      'spec.stripe.payments.webhook.url: required',
    ]);
    const problems = problemsOf(
      manifest(
        { eventFilter: 'charge.succeeded', endpointSecret: { name: 'x' }, signatureTolerance: '5 minutes' },
        { url: 'not checked without createWebhook' },
      ),
    );
    assert.deepEqual(problems.slice(0, 2), [
      'spec.stripe.payments.endpointSecret.key: required',
      'spec.stripe.payments.eventFilter: must be a list, got string "charge.succeeded"',
    ]);
    assert.match(problems[2]!, /^spec\.stripe\.payments\.signatureTolerance: .*unknown unit/);
    assert.equal(problems.length, 3);
    assert.deepEqual(
      problemsOf(manifest({ createWebhook: true, apiKey: { name: 'k', key: 'k' } }, { url: 'ftp://x' })),
      ['spec.stripe.payments.webhook.url: must be the http(s) URL Stripe posts to, got "ftp://x"'],
    );
  });

  test("without endpointSecret any request is taken, as in Argo; data is stripe-go's Event re-encoded", async () => {
    const h = saasPortApp(manifest({ metadata: { team: 'billing' } }), { port: PORT });
    const res = await post(h, body);
    assert.equal(res.statusCode, 200);
    const [draft] = h.dispatched[0]!.drafts;
    assert.deepEqual(draft!.data, {
      event: {
        account: '',
        api_version: '2023-10-16',
        created: 1700000000,
        data: {
          previous_attributes: { amount: 1000 },
          object: { id: 'pi_1', object: 'payment_intent', amount: 2000, currency: 'eur' },
        },
        id: 'evt_1OaB2c',
        livemode: false,
        object: 'event',
        pending_webhooks: 1,
        request: { id: 'req_9', idempotency_key: 'ik-1' },
        type: 'payment_intent.succeeded',
      },
      metadata: { team: 'billing' },
    });
    assert.equal(draft!.id, 'default/stripe/payments:evt_1OaB2c');
  });

  test('absent fields take Go zero values and metadata is omitted when unset', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    const res = await post(
      h,
      JSON.stringify({ id: 'evt_2', type: 'customer.created', data: { object: { id: 'cus_1' } } }),
    );
    assert.equal(res.statusCode, 200);
    assert.deepEqual(h.events(), [
      {
        event: {
          account: '',
          api_version: '',
          created: 0,
          data: { previous_attributes: null, object: { id: 'cus_1' } },
          id: 'evt_2',
          livemode: false,
          object: '',
          pending_webhooks: 0,
          request: null,
          type: 'customer.created',
        },
      },
    ]);
  });

  test('a correctly signed event is accepted', async () => {
    const h = saasPortApp(signedManifest(), { port: PORT, secrets });
    const res = await post(h, body, { 'stripe-signature': stripeSignature(body).header });
    assert.equal(res.statusCode, 200);
    assert.equal(h.dispatched.length, 1);
  });

  test('any matching v1 is enough (secret roll-over), other schemes are ignored', async () => {
    const h = saasPortApp(signedManifest(), { port: PORT, secrets });
    const good = stripeSignature(body);
    const other = stripeSignature(body, { secret: 'whsec_old' });
    const header = `t=${good.t},v1=${other.v1},v0=deadbeef,v1=${good.v1}`;
    const res = await post(h, body, { 'stripe-signature': header });
    assert.equal(res.statusCode, 200);
  });

  test('wrong, unsigned, tampered and stale requests are refused', async () => {
    const h = saasPortApp(signedManifest(), { port: PORT, secrets });
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        'wrong secret',
        { 'stripe-signature': stripeSignature(body, { secret: 'whsec_other' }).header },
        /no v1 signature/,
      ],
      ['unsigned', {}, /missing Stripe-Signature/],
      ['no v1', { 'stripe-signature': `t=${stripeSignature(body).t}` }, /no v1=/],
      [
        'stale',
        { 'stripe-signature': stripeSignature(body, { ageSeconds: 301 }).header },
        /replayed request or clock skew/,
      ],
    ];
    for (const [what, headers, message] of cases) {
      const res = await post(h, body, headers);
      assert.equal(res.statusCode, 401, what);
      assert.equal(res.json().code, 'EVT_ERR_INGRESS_UNAUTHORIZED', what);
      assert.match(res.json().message, message, what);
    }
    const tampered = await post(h, body.replace('2000', '1'), {
      'stripe-signature': stripeSignature(body).header,
    });
    assert.equal(tampered.statusCode, 401);
    assert.equal(h.dispatched.length, 0);
  });

  test('the legacy event shape (request as a bare id) is accepted, not answered 400', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    const res = await post(
      h,
      JSON.stringify({ ...stripeEvent, api_version: '2017-01-27', request: 'req_legacy' }),
    );
    assert.equal(res.statusCode, 200);
    const [event] = h.events().map((d) => (d as { event: { request: unknown; api_version: string } }).event);
    assert.deepEqual(event!.request, { id: 'req_legacy', idempotency_key: '' });
    assert.equal(event!.api_version, '2017-01-27');
  });

  test('a timestamp ahead of the server clock is clock skew and accepted, as by stripe-node', async () => {
    const h = saasPortApp(signedManifest(), { port: PORT, secrets });
    const res = await post(h, body, {
      'stripe-signature': stripeSignature(body, { ageSeconds: -600 }).header,
    });
    assert.equal(res.statusCode, 200);
    assert.equal(h.dispatched.length, 1);
  });

  test('signatureTolerance widens the replay window', async () => {
    const h = saasPortApp(signedManifest({ signatureTolerance: '10m' }), { port: PORT, secrets });
    const res = await post(h, body, {
      'stripe-signature': stripeSignature(body, { ageSeconds: 540 }).header,
    });
    assert.equal(res.statusCode, 200);
  });

  test('an unresolvable endpointSecret gets 500', async () => {
    const h = saasPortApp(signedManifest(), { port: PORT, secrets: {} });
    const res = await post(h, body, { 'stripe-signature': stripeSignature(body).header });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().code, 'EVT_ERR_INGRESS_SECRET_MISSING');
    assert.match(res.json().message, /spec\.stripe\.payments\.endpointSecret/);
  });

  test('eventFilter: other types are acknowledged without an event (Argo answers 400)', async () => {
    const h = saasPortApp(manifest({ eventFilter: ['charge.succeeded', 'payment_intent.succeeded'] }), {
      port: PORT,
    });
    const pass = await post(h, body);
    assert.equal(pass.statusCode, 200);
    const other = await post(h, JSON.stringify({ ...stripeEvent, type: 'customer.deleted' }));
    assert.equal(other.statusCode, 200);
    assert.equal(other.json().status, 'ignored');
    assert.deepEqual(
      h.events().map((d) => (d as { event: { type: string } }).event.type),
      ['payment_intent.succeeded'],
    );
  });

  test('bodies stripe-go cannot decode get 400', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    for (const bad of [
      '{"id":',
      '[]',
      JSON.stringify({ ...stripeEvent, created: '1700000000' }),
      JSON.stringify({ ...stripeEvent, request: 42 }),
      JSON.stringify({ ...stripeEvent, api_version: 20231016 }),
      JSON.stringify({ ...stripeEvent, data: { previous_attributes: {} } }),
      JSON.stringify({ ...stripeEvent, data: { object: [1] } }),
    ]) {
      const res = await post(h, bad);
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json().code, 'EVT_ERR_INGRESS_BAD_BODY', bad);
    }
    assert.equal(h.dispatched.length, 0);
  });

  test('an oversize body gets 413', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 128 }), { port: PORT });
    const res = await post(h, body);
    assert.equal(res.statusCode, 413);
  });
});
