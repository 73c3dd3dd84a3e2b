// The github EventSource through the port app: GitHub's HMAC signatures over the raw body
// (X-Hub-Signature-256 preferred, X-Hub-Signature as fallback), JSON and form deliveries, Argo's
// event data, the delivery id (scoped to the route) as event id, and validation with field paths.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';

const SECRET = 'gh-hook-secret-5d1c';
const PORT = 12000;
const secrets = secretsEnv({ name: 'github-access', key: 'secret', value: SECRET });

function manifest(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return eventSource('github', {
    github: {
      example: {
        repositories: [{ owner: 'argoproj', names: ['argo-events'] }],
        webhook: { endpoint: '/push', port: String(PORT), method: 'POST', ...webhook },
        events: ['*'],
        webhookSecret: { name: 'github-access', key: 'secret' },
        ...extra,
      },
    },
  });
}

// GitHub's published scheme: "<alg>=" + hex(HMAC-<alg>(secret, raw body)).
const sign = (alg: 'sha1' | 'sha256', body: string, secret = SECRET) =>
  `${alg}=${createHmac(alg, secret).update(body).digest('hex')}`;

const push = JSON.stringify({
  ref: 'refs/heads/main',
  after: 'abc123',
  repository: { full_name: 'argoproj/argo-events' },
});

function deliveryHeaders(body: string, extra: Record<string, string> = {}) {
  return {
    'content-type': 'application/json',
    'x-github-event': 'push',
    'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    'x-hub-signature-256': sign('sha256', body),
    ...extra,
  };
}

const post = (h: ReturnType<typeof saasPortApp>, body: string, headers: Record<string, string>) =>
  h.app.inject({ method: 'POST', url: '/push', payload: body, headers });

function problemsOf(doc: object): string[] {
  return validateText('es.yaml', stringify(doc)).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('github EventSource', () => {
  test("Argo's example manifest validates", () => {
    const r = validatePath('/work/shared/argo-examples/event-sources/github.yaml');
    assert.deepEqual(r.problems, []);
    assert.equal(r.valid.length, 1);
  });

  test('a delivery signed with X-Hub-Signature-256 becomes the event Argo produces', async () => {
    const h = saasPortApp(manifest({ metadata: { team: 'platform' } }), { port: PORT, secrets });
    const res = await post(h, push, { ...deliveryHeaders(push), authorization: 'Bearer not-for-sensors' });
    assert.equal(res.statusCode, 200);
    const [draft] = h.dispatched[0]!.drafts;
    assert.equal(
      draft!.id,
      'default/github/example:72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'the delivery id, scoped to the EventSource event, is the event id',
    );
    const data = draft!.data as { headers: Record<string, string[]>; body: unknown; metadata: unknown };
    assert.deepEqual(data.body, {
      ref: 'refs/heads/main',
      after: 'abc123',
      repository: { full_name: 'argoproj/argo-events' },
      'X-GitHub-Event': 'push',
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    });
    assert.deepEqual(data.metadata, { team: 'platform' });
    // Go's http.Header: canonical names, every value in a list, no Host, Authorization masked.
    assert.deepEqual(data.headers['X-Github-Event'], ['push']);
    assert.deepEqual(data.headers['Content-Type'], ['application/json']);
    assert.deepEqual(data.headers.Authorization, ['*** Masked Auth Secret ***']);
    assert.equal(data.headers.Host, undefined);
  });

  test('without metadata the event has no metadata key (omitempty)', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    await post(h, push, deliveryHeaders(push));
    assert.deepEqual(Object.keys(h.events()[0] as object).sort(), ['body', 'headers']);
  });

  test('X-Hub-Signature (sha1) is accepted when X-Hub-Signature-256 is absent', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const headers: Record<string, string> = {
      ...deliveryHeaders(push),
      'x-hub-signature': sign('sha1', push),
    };
    delete headers['x-hub-signature-256'];
    assert.equal((await post(h, push, headers)).statusCode, 200);
    assert.equal(h.events().length, 1);
  });

  test('X-Hub-Signature-256 is preferred: a wrong sha256 with a right sha1 is rejected', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const res = await post(
      h,
      push,
      deliveryHeaders(push, {
        'x-hub-signature-256': sign('sha256', push, 'other-secret'),
        'x-hub-signature': sign('sha1', push),
      }),
    );
    assert.equal(res.statusCode, 401);
    assert.equal(h.dispatched.length, 0);
  });

  test('a wrong signature gets 401 EVT_ERR_INGRESS_BAD_SIGNATURE and reaches no Sensor', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const res = await post(
      h,
      push,
      deliveryHeaders(push, { 'x-hub-signature-256': sign('sha256', push, 'guess') }),
    );
    assert.equal(res.statusCode, 401);
    const body = res.json() as { code: string; message: string };
    assert.equal(body.code, 'EVT_ERR_INGRESS_BAD_SIGNATURE');
    assert.equal(
      body.message,
      'X-Hub-Signature-256 (or X-Hub-Signature) does not match the body; GitHub signs with the webhookSecret',
    );
    assert.equal(h.dispatched.length, 0);
  });

  test('a signature over other bytes (the body was altered) is rejected', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const altered = push.replace('main', 'evil');
    assert.equal((await post(h, altered, deliveryHeaders(push))).statusCode, 401);
  });

  test('an unsigned delivery is rejected when a webhookSecret is set', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const headers: Record<string, string> = deliveryHeaders(push);
    delete headers['x-hub-signature-256'];
    const res = await post(h, push, headers);
    assert.equal(res.statusCode, 401);
    assert.match(
      (res.json() as { message: string }).message,
      /^X-Hub-Signature-256 \(or X-Hub-Signature\) is missing;/,
    );
  });

  test('a malformed signature header is rejected', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    for (const bad of ['sha256', 'md5=abcd', 'sha256=xyz', 'sha256=abc']) {
      const res = await post(h, push, deliveryHeaders(push, { 'x-hub-signature-256': bad }));
      assert.equal(res.statusCode, 401, bad);
    }
  });

  test('without a webhookSecret unsigned deliveries are accepted', async () => {
    const h = saasPortApp(manifest({ webhookSecret: undefined }), { port: PORT });
    const headers: Record<string, string> = deliveryHeaders(push);
    delete headers['x-hub-signature-256'];
    assert.equal((await post(h, push, headers)).statusCode, 200);
  });

  test('a form delivery: the signature covers the raw form, the payload field is the body', async () => {
    const h = saasPortApp(manifest({ contentType: 'form' }), { port: PORT, secrets });
    const form = `payload=${encodeURIComponent(push)}`;
    const res = await post(
      h,
      form,
      deliveryHeaders(form, { 'content-type': 'application/x-www-form-urlencoded' }),
    );
    assert.equal(res.statusCode, 200);
    const data = h.events()[0] as { body: { ref: string; 'X-GitHub-Event': string } };
    assert.equal(data.body.ref, 'refs/heads/main');
    assert.equal(data.body['X-GitHub-Event'], 'push');
  });

  test('a delivery without X-GitHub-Delivery gets an empty key in the body and a generated id', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const headers: Record<string, string> = deliveryHeaders(push);
    delete headers['x-github-delivery'];
    assert.equal((await post(h, push, headers)).statusCode, 200);
    const draft = h.dispatched[0]!.drafts[0]!;
    assert.equal(draft.id, undefined);
    assert.equal((draft.data as { body: Record<string, unknown> }).body['X-GitHub-Delivery'], '');
  });

  test('malformed bodies get 400 EVT_ERR_INGRESS_BAD_BODY', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    for (const body of ['{"ref": ', '[1,2]', 'null', '']) {
      const res = await post(h, body, deliveryHeaders(body));
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_BAD_BODY');
    }
    assert.equal(h.dispatched.length, 0);
  });

  test('a content type GitHub does not send gets 415', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const res = await post(h, push, deliveryHeaders(push, { 'content-type': 'text/plain' }));
    assert.equal(res.statusCode, 415);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_UNSUPPORTED_MEDIA_TYPE');
  });

  test('an oversize body gets 413 before any signature work', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 64 }), { port: PORT, secrets });
    const big = JSON.stringify({ pad: 'x'.repeat(200) });
    const res = await post(h, big, deliveryHeaders(big));
    assert.equal(res.statusCode, 413);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE');
  });

  test('a webhookSecret missing on the server is a 500 that names the spec field, not the secret', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    const res = await post(h, push, deliveryHeaders(push));
    assert.equal(res.statusCode, 500);
    const body = res.json() as { code: string; message: string };
    assert.equal(body.code, 'EVT_ERR_INGRESS_SECRET_MISSING');
    assert.match(body.message, /spec\.github\.example\.webhookSecret/);
    assert.doesNotMatch(body.message, /github-access/, "the secret's name stays out of the reply");
  });

  test('webhook.authSecret (bearer) guards the endpoint like Argo', async () => {
    const env = { ...secrets, ...secretsEnv({ name: 'bearer', key: 'token', value: 'tok-1' }) };
    const h = saasPortApp(manifest({}, { authSecret: { name: 'bearer', key: 'token' } }), {
      port: PORT,
      secrets: env,
    });
    assert.equal((await post(h, push, deliveryHeaders(push))).statusCode, 401);
    const ok = await post(h, push, { ...deliveryHeaders(push), authorization: 'Bearer tok-1' });
    assert.equal(ok.statusCode, 200);
  });

  describe('validation', () => {
    test('repositories or organizations, not neither and not both', () => {
      const neither = manifest({ repositories: undefined });
      assert.deepEqual(problemsOf(neither), [
        'spec.github.example: set repositories (or owner and repository) or organizations',
      ]);
      const both = manifest({ organizations: ['argoproj'] });
      assert.deepEqual(problemsOf(both), [
        'spec.github.example: set repositories or organizations, not both',
      ]);
      const deprecated = manifest({ repositories: undefined, owner: 'argoproj', repository: 'argo' });
      assert.deepEqual(problemsOf(deprecated), []);
    });

    test('hook management needs events, and a reachable URL', () => {
      const doc = manifest(
        { events: [], apiToken: { name: 'github-access', key: 'token' } },
        { url: 'ftp://example.com' },
      );
      assert.deepEqual(problemsOf(doc).sort(), [
        'spec.github.example.events: required to create the GitHub webhook: list event names, or "*" for all',
        'spec.github.example.webhook.url: must be an http:// or https:// URL (GitHub sends events there), got "ftp://example.com"',
      ]);
    });

    test('field shapes are checked where they are', () => {
      const doc = manifest({
        contentType: 'xml',
        githubBaseURL: 'https://ghe.example.com/api/v3/',
        githubApp: { appID: 'x' },
        repositories: [{ owner: 'argoproj', names: [] }],
        active: 'yes',
        webhookSecret: { name: 'github-access' },
      });
      assert.deepEqual(problemsOf(doc).sort(), [
        'spec.github.example.active: must be true or false, got string "yes"',
        'spec.github.example.contentType: must be one of "json", "form", got string "xml"',
        'spec.github.example.githubApp.appID: must be a number, got string "x"',
        'spec.github.example.githubApp.installationID: required',
        'spec.github.example.githubApp.privateKey: required',
        'spec.github.example.githubUploadURL: required when githubBaseURL is set',
        'spec.github.example.repositories[0].names: must name at least one repository',
        'spec.github.example.webhookSecret.key: required',
      ]);
    });

    test('the webhook block is required', () => {
      assert.deepEqual(problemsOf(manifest({ webhook: undefined })), [
        'spec.github.example.webhook: required',
      ]);
    });
  });
});
