// The bitbucketserver EventSource through the port app: HMAC-SHA256 X-Hub-Signature over the raw
// body, Argo's event data, repo:refs_changed split per change and filtered by open pull requests
// (asked of a local fake Bitbucket Server), and validation with field paths.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';
import {
  startBitbucketServerApiFake,
  type BitbucketServerApiFake,
} from '../../support/fakes/bitbucketserver-api-fake.js';

const SECRET = 'bbs-hook-secret-4';
const ACCESS = 'bbs-access-token';
const PORT = 12000;
const secrets = secretsEnv(
  { name: 'bbs', key: 'secret', value: SECRET },
  { name: 'bbs', key: 'token', value: ACCESS },
);

function manifest(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return eventSource('bbs', {
    bitbucketserver: {
      example: {
        repositories: [{ projectKey: 'PROJ', repositorySlug: 'repo1' }],
        webhook: { endpoint: '/push', port: String(PORT), method: 'POST', ...webhook },
        events: ['repo:refs_changed'],
        webhookSecret: { name: 'bbs', key: 'secret' },
        bitbucketserverBaseURL: 'https://bitbucket.example.com/rest',
        ...extra,
      },
    },
  });
}

// Bitbucket Server's published scheme: "sha256=" + hex(HMAC-SHA256(secret, raw body)).
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

const change = (id: string, type: string, refType: string, toHash: string) => ({
  ref: { id, displayId: id.replace(/^refs\/(heads|tags)\//, ''), type: refType },
  refId: id,
  fromHash: '0000000000000000000000000000000000000000',
  toHash,
  type,
});

const refsChanged = {
  eventKey: 'repo:refs_changed',
  date: '2024-05-01T10:00:00+0000',
  actor: { name: 'admin', id: 1 },
  repository: { slug: 'repo1', id: 84, name: 'repo1', project: { key: 'PROJ', id: 1 } },
  changes: [
    change('refs/heads/feature', 'UPDATE', 'BRANCH', 'aaa111'),
    change('refs/tags/v1.0.0', 'ADD', 'TAG', 'bbb222'),
    change('refs/heads/main', 'UPDATE', 'BRANCH', 'ccc333'),
  ],
  extraField: 'kept',
};

function post(h: ReturnType<typeof saasPortApp>, body: string, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'POST',
    url: '/push',
    payload: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature': sign(body), ...headers },
  });
}

const problemsOf = (doc: object) =>
  validateText('es.yaml', stringify(doc)).problems.map((p) => `${p.path}: ${p.message}`);

describe('bitbucketserver EventSource', () => {
  let api: BitbucketServerApiFake;
  before(async () => {
    api = await startBitbucketServerApiFake({
      token: ACCESS,
      pageSize: 1,
      pullRequests: { aaa111: ['MERGED', 'OPEN'], ccc333: ['DECLINED'] },
    });
  });
  after(() => api.close());

  test("Argo's example manifest validates", () => {
    assert.deepEqual(
      validatePath('/work/shared/argo-examples/event-sources/bitbucketserver.yaml').problems,
      [],
    );
  });

  test('a signed delivery becomes {headers, body, metadata}', async () => {
    const h = saasPortApp(manifest({ metadata: { a: 'b' } }), { port: PORT, secrets });
    const body = JSON.stringify({ eventKey: 'pr:opened', pullRequest: { id: 7 } });
    const res = await post(h, body, { 'x-event-key': 'pr:opened' });
    assert.equal(res.statusCode, 200);
    const data = h.events()[0] as { headers: Record<string, string[]>; body: unknown; metadata: unknown };
    assert.deepEqual(data.body, { eventKey: 'pr:opened', pullRequest: { id: 7 } });
    assert.deepEqual(data.metadata, { a: 'b' });
    assert.deepEqual(data.headers['X-Event-Key'], ['pr:opened']);
  });

  test('wrong, missing and malformed signatures get 401 EVT_ERR_INGRESS_BAD_SIGNATURE', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const body = JSON.stringify(refsChanged);
    const messages: string[] = [];
    for (const sig of [
      sign(body, 'guess'),
      '',
      `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`,
    ]) {
      const res = await post(h, body, { 'x-hub-signature': sig });
      assert.equal(res.statusCode, 401, sig);
      assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_BAD_SIGNATURE');
      messages.push((res.json() as { message: string }).message);
    }
    // Each message reads as a sentence about the header (no "is does not match").
    assert.deepEqual(messages, [
      'X-Hub-Signature does not match the body; Bitbucket Server signs with the webhookSecret',
      'X-Hub-Signature is missing; Bitbucket Server signs with the webhookSecret',
      'X-Hub-Signature is malformed: expected sha256=<hex>; Bitbucket Server signs with the webhookSecret',
    ]);
    assert.equal(h.dispatched.length, 0);
  });

  test('without a webhookSecret unsigned deliveries are accepted', async () => {
    const h = saasPortApp(manifest({ webhookSecret: undefined }), { port: PORT });
    assert.equal((await post(h, '{"eventKey":"x"}', { 'x-hub-signature': '' })).statusCode, 200);
  });

  test('malformed bodies get 400, oversize 413, a missing secret 500', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 2048 }), { port: PORT, secrets });
    assert.equal((await post(h, '{"eventKey":')).statusCode, 400);
    assert.equal((await post(h, '"just a string"', { 'x-event-key': 'repo:refs_changed' })).statusCode, 400);
    assert.equal((await post(h, JSON.stringify({ pad: 'x'.repeat(3000) }))).statusCode, 413);
    const noSecret = saasPortApp(manifest(), { port: PORT });
    const res = await post(noSecret, '{}');
    assert.equal(res.statusCode, 500);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_SECRET_MISSING');
  });

  test('oneEventPerChange: one event per change, every other field kept', async () => {
    const h = saasPortApp(manifest({ oneEventPerChange: true }), { port: PORT, secrets });
    const res = await post(h, JSON.stringify(refsChanged), { 'x-event-key': 'repo:refs_changed' });
    assert.equal(res.statusCode, 200);
    const bodies = h.events().map((d) => (d as { body: typeof refsChanged }).body);
    assert.equal(bodies.length, 3);
    assert.deepEqual(
      bodies.map((b) => b.changes.map((c) => c.refId)),
      [['refs/heads/feature'], ['refs/tags/v1.0.0'], ['refs/heads/main']],
    );
    assert.ok(bodies.every((b) => b.extraField === 'kept' && b.repository.slug === 'repo1'));
  });

  test('without oneEventPerChange a refs_changed delivery is one event', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    await post(h, JSON.stringify(refsChanged), { 'x-event-key': 'repo:refs_changed' });
    assert.deepEqual((h.events()[0] as { body: unknown }).body, refsChanged);
  });

  test('skipBranchRefsChangedOnOpenPR drops branch updates that have an open pull request', async () => {
    const h = saasPortApp(
      manifest({
        skipBranchRefsChangedOnOpenPR: true,
        oneEventPerChange: true,
        accessToken: { name: 'bbs', key: 'token' },
        bitbucketserverBaseURL: api.base,
      }),
      { port: PORT, secrets },
    );
    const res = await post(h, JSON.stringify(refsChanged), { 'x-event-key': 'repo:refs_changed' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      h.events().map((d) => (d as { body: typeof refsChanged }).body.changes[0]!.refId),
      ['refs/tags/v1.0.0', 'refs/heads/main'],
    );
    assert.ok(
      api.calls.some((c) =>
        c.path.startsWith(
          '/rest/api/1.0/projects/PROJ/repos/repo1/commits/aaa111/pull-requests?limit=500&start=1',
        ),
      ),
      'pages through the pull requests',
    );
    assert.ok(api.calls.every((c) => c.authorization === `Bearer ${ACCESS}`));
  });

  test('when every branch has an open pull request nothing is signaled', async () => {
    const h = saasPortApp(
      manifest({
        skipBranchRefsChangedOnOpenPR: true,
        accessToken: { name: 'bbs', key: 'token' },
        bitbucketserverBaseURL: api.base,
      }),
      { port: PORT, secrets },
    );
    const only = { ...refsChanged, changes: [refsChanged.changes[0]] };
    const res = await post(h, JSON.stringify(only), { 'x-event-key': 'repo:refs_changed' });
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { status: string }).status, 'skipped');
    assert.equal(h.dispatched.length, 0);
  });

  test('an unreachable Bitbucket Server is a 503 so the delivery can be retried', async () => {
    const h = saasPortApp(
      manifest({
        skipBranchRefsChangedOnOpenPR: true,
        accessToken: { name: 'bbs', key: 'token' },
        bitbucketserverBaseURL: 'http://127.0.0.1:1/rest',
      }),
      { port: PORT, secrets },
    );
    const res = await post(h, JSON.stringify(refsChanged), { 'x-event-key': 'repo:refs_changed' });
    assert.equal(res.statusCode, 503);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_UPSTREAM_UNAVAILABLE');
  });

  describe('validation', () => {
    test('base URL required; skipping open PRs needs an accessToken; checkInterval is a Go duration', () => {
      const doc = manifest({
        bitbucketserverBaseURL: undefined,
        skipBranchRefsChangedOnOpenPR: true,
        checkInterval: '5 minutes',
      });
      const problems = problemsOf(doc).sort();
      assert.equal(problems.length, 3);
      assert.equal(
        problems[0],
        'spec.bitbucketserver.example.accessToken: required by skipBranchRefsChangedOnOpenPR (Eventide asks Bitbucket Server for open pull requests)',
      );
      assert.equal(problems[1], 'spec.bitbucketserver.example.bitbucketserverBaseURL: required');
      assert.match(problems[2]!, /^spec\.bitbucketserver\.example\.checkInterval: .*"5 minutes"/);
    });

    test('managing webhooks needs events', () => {
      const doc = manifest(
        { events: [], accessToken: { name: 'bbs', key: 'token' } },
        { url: 'https://events.example.com' },
      );
      assert.deepEqual(problemsOf(doc), [
        'spec.bitbucketserver.example.events: required to create the Bitbucket Server webhook, e.g. [repo:refs_changed]',
      ]);
    });

    test('repositories need projectKey and repositorySlug', () => {
      const doc = manifest({ repositories: [{ projectKey: 'P' }] });
      assert.deepEqual(problemsOf(doc), [
        'spec.bitbucketserver.example.repositories[0].repositorySlug: required',
      ]);
    });
  });
});
