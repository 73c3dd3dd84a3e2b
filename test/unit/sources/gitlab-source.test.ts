// The gitlab EventSource through the port app: X-Gitlab-Token against secretToken, Argo's event
// data, GitLab's Idempotency-Key (scoped to the route) as the event id, and validation with field paths.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { validatePath, validateText } from '../../../src/manifest/validate-manifest.js';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';

const TOKEN = 'gl-secret-token-33';
const PORT = 12000;
const secrets = secretsEnv({ name: 'gitlab-secret', key: 'token', value: TOKEN });

function manifest(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return eventSource('gitlab', {
    gitlab: {
      example: {
        projects: ['whynowy/test'],
        webhook: { endpoint: '/push', port: String(PORT), method: 'POST', ...webhook },
        events: ['PushEvents'],
        accessToken: { name: 'gitlab-access', key: 'token' },
        secretToken: { name: 'gitlab-secret', key: 'token' },
        gitlabBaseURL: 'https://gitlab.com',
        ...extra,
      },
    },
  });
}

const push = JSON.stringify({
  object_kind: 'push',
  ref: 'refs/heads/main',
  project: { path_with_namespace: 'whynowy/test' },
});

const post = (h: ReturnType<typeof saasPortApp>, body: string, headers: Record<string, string>) =>
  h.app.inject({
    method: 'POST',
    url: '/push',
    payload: body,
    headers: { 'content-type': 'application/json', ...headers },
  });

const problemsOf = (doc: object) =>
  validateText('es.yaml', stringify(doc)).problems.map((p) => `${p.path}: ${p.message}`);

describe('gitlab EventSource', () => {
  test("Argo's example manifest validates", () => {
    const r = validatePath('/work/shared/argo-examples/event-sources/gitlab.yaml');
    assert.deepEqual(r.problems, []);
  });

  test('a delivery with the right X-Gitlab-Token becomes {headers, body, metadata}', async () => {
    const h = saasPortApp(manifest({ metadata: { env: 'prod' } }), { port: PORT, secrets });
    const res = await post(h, push, {
      'x-gitlab-token': TOKEN,
      'x-gitlab-event': 'Push Hook',
      'idempotency-key': '908a6d9e-45fd-46c8-97e6-c4f350f219dd',
    });
    assert.equal(res.statusCode, 200);
    const draft = h.dispatched[0]!.drafts[0]!;
    assert.equal(
      draft.id,
      'default/gitlab/example:908a6d9e-45fd-46c8-97e6-c4f350f219dd',
      'retries of one delivery share the id, scoped to the EventSource event',
    );
    const data = draft.data as { headers: Record<string, string[]>; body: unknown; metadata: unknown };
    assert.deepEqual(data.body, JSON.parse(push));
    assert.deepEqual(data.metadata, { env: 'prod' });
    assert.deepEqual(data.headers['X-Gitlab-Event'], ['Push Hook']);
    assert.deepEqual(
      data.headers['X-Gitlab-Token'],
      ['*** Masked Secret ***'],
      'the secret token stays out of events',
    );
    assert.ok(!JSON.stringify(draft).includes(TOKEN));
  });

  test('a wrong or missing X-Gitlab-Token gets 401 and reaches no Sensor', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    for (const headers of [{ 'x-gitlab-token': 'guess' }, {}] as Record<string, string>[]) {
      const res = await post(h, push, headers);
      assert.equal(res.statusCode, 401);
      assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_UNAUTHORIZED');
    }
    assert.equal(h.dispatched.length, 0);
  });

  test('without a secretToken any delivery is accepted, with a generated id', async () => {
    const h = saasPortApp(manifest({ secretToken: undefined }), { port: PORT });
    assert.equal((await post(h, push, {})).statusCode, 200);
    assert.equal(h.dispatched[0]!.drafts[0]!.id, undefined);
  });

  test('malformed and empty bodies get 400 EVT_ERR_INGRESS_BAD_BODY', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    for (const body of ['{"object_kind":', 'not json', '']) {
      const res = await post(h, body, { 'x-gitlab-token': TOKEN });
      assert.equal(res.statusCode, 400, body);
      assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_BAD_BODY');
    }
  });

  test('an oversize body gets 413', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 32 }), { port: PORT, secrets });
    const res = await post(h, push, { 'x-gitlab-token': TOKEN });
    assert.equal(res.statusCode, 413);
  });

  test('a secretToken missing on the server is a 500, not a crash', async () => {
    const h = saasPortApp(manifest(), { port: PORT });
    const res = await post(h, push, { 'x-gitlab-token': TOKEN });
    assert.equal(res.statusCode, 500);
    assert.equal((res.json() as { code: string }).code, 'EVT_ERR_INGRESS_SECRET_MISSING');
  });

  describe('validation', () => {
    test("Argo's required fields", () => {
      const doc = manifest({ events: undefined, gitlabBaseURL: undefined, accessToken: undefined });
      assert.deepEqual(problemsOf(doc).sort(), [
        'spec.gitlab.example.accessToken: required',
        'spec.gitlab.example.events: required',
        'spec.gitlab.example.gitlabBaseURL: required',
      ]);
    });

    test('with webhook.url (hook management) the event names must be GitLab hook events', () => {
      const doc = manifest({ events: ['PushEvents', 'Push Hook'] }, { url: 'https://events.example.com' });
      assert.deepEqual(problemsOf(doc), [
        'spec.gitlab.example.events[1]: unknown GitLab hook event "Push Hook"; one of PushEvents, TagPushEvents, IssuesEvents, ConfidentialIssuesEvents, MergeRequestsEvents, NoteEvents, ConfidentialNoteEvents, JobEvents, PipelineEvents, WikiPageEvents, DeploymentEvents, ReleasesEvents, EmojiEvents, ResourceAccessTokenEvents',
      ]);
    });

    test('shapes are checked at their paths', () => {
      const doc = manifest({
        projects: ['ok', 3],
        enableSSLVerification: 'no',
        secretToken: { key: 'token' },
      });
      assert.deepEqual(problemsOf(doc).sort(), [
        'spec.gitlab.example.enableSSLVerification: must be true or false, got string "no"',
        'spec.gitlab.example.projects[1]: must be a non-empty string, got number 3',
        'spec.gitlab.example.secretToken.name: required',
      ]);
    });
  });
});
