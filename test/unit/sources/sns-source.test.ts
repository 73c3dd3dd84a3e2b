// The sns EventSource through the port app: subscription confirmation (trusted hosts only),
// Argo's notification data, and AWS message signatures (v1 SHA1, v2 SHA256) checked against a
// certificate served by a loopback fake.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { SNS_TRUSTED_ORIGINS_ENV, untrustedUrlReason } from '../../../src/sources/sns/sns-trusted-urls.js';
import { clearSnsCertCache } from '../../../src/sources/sns/sns-signature.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';
import { makeSigningIdentity, startSnsFake, type SnsFake } from '../../support/fakes/sns-aws-fake.js';

const PORT = 12000;
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:orders';

function manifest(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return eventSource('aws-sns', {
    sns: {
      orders: {
        topicArn: TOPIC,
        region: 'eu-west-1',
        webhook: { endpoint: '/sns', port: String(PORT), method: 'POST', ...webhook },
        ...extra,
      },
    },
  });
}

// SNS posts JSON with a text/plain content type.
const post = (h: ReturnType<typeof saasPortApp>, msg: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({
    method: 'POST',
    url: '/sns',
    payload: typeof msg === 'string' ? msg : JSON.stringify(msg),
    headers: {
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      ...headers,
    },
  });

describe('sns EventSource', () => {
  let fake: SnsFake;
  const saved = process.env[SNS_TRUSTED_ORIGINS_ENV];

  before(async () => {
    fake = await startSnsFake();
  });
  afterEach(() => {
    fake.confirmStatus = 200;
    fake.certStatus = 200;
    clearSnsCertCache();
  });
  after(async () => {
    if (saved === undefined) delete process.env[SNS_TRUSTED_ORIGINS_ENV];
    else process.env[SNS_TRUSTED_ORIGINS_ENV] = saved;
    await fake.close();
  });
  const trustFake = () => (process.env[SNS_TRUSTED_ORIGINS_ENV] = fake.url);

  test("Argo's example manifest validates", () => {
    const r = validatePath('/work/shared/argo-examples/event-sources/aws-sns.yaml');
    assert.deepEqual(r.problems, []);
    assert.equal(r.valid.length, 1);
  });

  test('validation names missing and malformed fields by path', () => {
    const m = eventSource('sns', {
      sns: {
        a: {
          webhook: { endpoint: '/', port: '1' },
          validateSignature: 'yes',
          endpoint: 'localhost:4566',
          accessKey: { key: 'k' },
        },
      },
    });
    assert.deepEqual(
      validateText('x.yaml', stringify(m))
        .problems.map((p) => `${p.path}: ${p.message}`)
        .sort(),
      [
        'spec.sns.a.accessKey.name: required',
        'spec.sns.a.endpoint: must be an http(s) URL of an SNS-compatible service, got "localhost:4566"',
        'spec.sns.a.region: required',
        'spec.sns.a.topicArn: required',
        'spec.sns.a.validateSignature: must be true or false, got string "yes"',
      ],
    );
  });

  test("URL trust follows Argo's host rule, plus https-only, default port and no credentials", () => {
    const cases: [string, boolean][] = [
      ['https://sns.us-west-2.amazonaws.com/SimpleNotificationService-123.pem', true],
      ['https://sns.cn-north-1.amazonaws.com.cn/x.pem', true],
      ['http://sns.us-west-2.amazonaws.com/x.pem', false],
      ['https://sns.us-west-2.amazonaws-malicious.com/x.pem', false],
      ['https://other.us-west-2.amazonaws.com/x.pem', false],
      ['https://sns.us-west-2.amazonaws.com:8443/x.pem', false],
      ['https://user:pw@sns.us-west-2.amazonaws.com/x.pem', false],
      ['http://169.254.169.254/latest/meta-data/', false],
      ['not a url', false],
    ];
    for (const [url, trusted] of cases)
      assert.equal(untrustedUrlReason('URL', url, []) === undefined, trusted, url);
    assert.equal(untrustedUrlReason('URL', 'http://127.0.0.1:4566/x', ['http://127.0.0.1:4566']), undefined);
  });

  test('a Notification becomes {header, body, metadata} with an id from MessageId', async () => {
    const h = saasPortApp(manifest({ metadata: { env: 'prod' } }), { port: PORT });
    const msg = fake.notification(TOPIC, { subject: 'new order' });
    const res = await post(h, msg);
    assert.equal(res.statusCode, 200);
    const [draft] = h.dispatched[0]!.drafts;
    const data = draft!.data as { header: Record<string, string[]>; body: unknown; metadata: unknown };
    assert.deepEqual(data.body, msg);
    assert.deepEqual(data.metadata, { env: 'prod' });
    assert.deepEqual(data.header['Content-Type'], ['text/plain; charset=UTF-8']);
    assert.deepEqual(data.header['X-Amz-Sns-Message-Type'], ['Notification']);
    assert.equal(data.header.Host, undefined, "Go's http.Header has no Host");
    assert.equal(draft!.id, `default/aws-sns/orders:${msg.MessageId}`);
    assert.equal(fake.requests.length, 0, 'without validateSignature nothing is fetched');
  });

  test('metadata is omitted when unset and a bearer Authorization header is masked', async () => {
    const h = saasPortApp(manifest({}, { authSecret: { name: 'sns', key: 'bearer' } }), {
      port: PORT,
      secrets: secretsEnv({ name: 'sns', key: 'bearer', value: 'sns-b3arer' }),
    });
    const res = await post(h, fake.notification(TOPIC), { authorization: 'Bearer sns-b3arer' });
    assert.equal(res.statusCode, 200);
    const data = h.events()[0] as Record<string, unknown>;
    assert.equal('metadata' in data, false);
    assert.deepEqual((data.header as Record<string, string[]>).Authorization, ['*** Masked Auth Secret ***']);
    assert.doesNotMatch(JSON.stringify(data), /sns-b3arer/);
  });

  test('a SubscriptionConfirmation GETs the SubscribeURL and makes no event', async () => {
    trustFake();
    const h = saasPortApp(manifest(), { port: PORT });
    const msg = fake.subscriptionConfirmation(TOPIC);
    const res = await post(h, msg, { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'confirmed', topicArn: TOPIC });
    assert.deepEqual(fake.requests.splice(0), [
      `GET ${new URL(msg.SubscribeURL!).pathname}${new URL(msg.SubscribeURL!).search}`,
    ]);
    assert.equal(h.dispatched.length, 0);
  });

  test('a SubscribeURL outside the trusted hosts is never fetched', async () => {
    delete process.env[SNS_TRUSTED_ORIGINS_ENV];
    const h = saasPortApp(manifest(), { port: PORT });
    const res = await post(h, fake.subscriptionConfirmation(TOPIC));
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'EVT_ERR_INGRESS_UNTRUSTED_URL');
    assert.equal(fake.requests.length, 0);
  });

  test("the origin of the spec's endpoint (e.g. LocalStack) is trusted", async () => {
    delete process.env[SNS_TRUSTED_ORIGINS_ENV];
    const h = saasPortApp(manifest({ endpoint: `${fake.url}/` }), { port: PORT });
    const res = await post(h, fake.subscriptionConfirmation(TOPIC));
    assert.equal(res.statusCode, 200);
    assert.equal(fake.requests.splice(0).length, 1);
  });

  test('a failing or redirecting SubscribeURL gets 502 so SNS retries; redirects are not followed', async () => {
    trustFake();
    const h = saasPortApp(manifest(), { port: PORT });
    fake.confirmStatus = 302;
    const redirected = await post(h, fake.subscriptionConfirmation(TOPIC));
    assert.equal(redirected.statusCode, 502);
    assert.equal(redirected.json().code, 'EVT_ERR_INGRESS_UPSTREAM_FAILED');
    fake.confirmStatus = 500;
    assert.equal((await post(h, fake.subscriptionConfirmation(TOPIC))).statusCode, 502);
    assert.ok(!fake.requests.splice(0).some((r) => r.includes('/elsewhere')));
  });

  test('messages for another topic are refused before anything is fetched', async () => {
    trustFake();
    const h = saasPortApp(manifest({ validateSignature: true }), { port: PORT });
    const other = 'arn:aws:sns:eu-west-1:999999999999:attacker';
    for (const msg of [fake.subscriptionConfirmation(other), fake.notification(other)]) {
      const res = await post(h, msg);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().code, 'EVT_ERR_INGRESS_FORBIDDEN');
    }
    assert.equal(fake.requests.length, 0);
    assert.equal(h.dispatched.length, 0);
  });

  test('validateSignature: v1 (SHA1) and v2 (SHA256) signatures hold; the certificate is fetched once', async () => {
    trustFake();
    const h = saasPortApp(manifest({ validateSignature: true }), { port: PORT });
    for (const version of ['1', '2'] as const) {
      const res = await post(h, fake.notification(TOPIC, { version, subject: 'signed' }));
      assert.equal(res.statusCode, 200, `SignatureVersion ${version}: ${res.body}`);
    }
    const confirm = await post(h, fake.subscriptionConfirmation(TOPIC, { version: '2' }));
    assert.equal(confirm.statusCode, 200);
    assert.equal(h.dispatched.length, 2);
    assert.equal(fake.requests.filter((r) => r.endsWith('.pem')).length, 1);
    fake.requests.splice(0);
  });

  test('validateSignature: wrong key, tampered, unsigned and unknown versions are refused', async () => {
    trustFake();
    const h = saasPortApp(manifest({ validateSignature: true }), { port: PORT });
    const stranger = makeSigningIdentity();
    const tampered = { ...fake.notification(TOPIC), Message: '{"order":"A-2"}' };
    const unsigned: Record<string, string> = { ...fake.notification(TOPIC) };
    delete unsigned.Signature;
    const cases: [string, Record<string, string>, RegExp][] = [
      ['wrong key', fake.notification(TOPIC, { key: stranger.key }), /does not match/],
      ['tampered', tampered, /does not match/],
      ['unsigned', unsigned, /missing or not base64/],
      [
        'version 3',
        { ...fake.notification(TOPIC), SignatureVersion: '3' },
        /unsupported SignatureVersion "3"/,
      ],
      [
        'untrusted cert host',
        { ...fake.notification(TOPIC), SigningCertURL: 'https://evil.example.com/x.pem' },
        /not an SNS host/,
      ],
    ];
    for (const [what, msg, message] of cases) {
      const res = await post(h, msg);
      assert.equal(res.statusCode, 401, what);
      assert.equal(res.json().code, 'EVT_ERR_INGRESS_UNAUTHORIZED', what);
      assert.match(res.json().message, message, what);
    }
    assert.equal(h.dispatched.length, 0);
    assert.ok(fake.requests.splice(0).every((r) => r.endsWith('.pem')));
  });

  test('an unreachable certificate gets 502 (SNS retries) and is not cached', async () => {
    trustFake();
    const h = saasPortApp(manifest({ validateSignature: true }), { port: PORT });
    fake.certStatus = 404;
    const res = await post(h, fake.notification(TOPIC));
    assert.equal(res.statusCode, 502);
    fake.certStatus = 200;
    assert.equal((await post(h, fake.notification(TOPIC))).statusCode, 200);
    fake.requests.splice(0);
  });

  test('malformed bodies get 400; other message types are acknowledged without an event', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    for (const bad of ['{"Type":', '[1]', '{"Message":"no type"}']) {
      const res = await post(h, bad);
      assert.equal(res.statusCode, 400, bad);
      assert.equal(res.json().code, 'EVT_ERR_INGRESS_BAD_BODY');
    }
    const unsub = await post(h, { ...fake.subscriptionConfirmation(TOPIC), Type: 'UnsubscribeConfirmation' });
    assert.equal(unsub.statusCode, 200);
    assert.equal(unsub.json().status, 'ignored');
    assert.equal(h.dispatched.length, 0);
    assert.equal(fake.requests.length, 0);
  });

  test('an oversize body gets 413', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 200 }), { port: PORT });
    const res = await post(h, fake.notification(TOPIC));
    assert.equal(res.statusCode, 413);
  });
});
