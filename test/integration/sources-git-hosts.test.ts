// Git-host EventSources end to end on one real Temporal dev server: for each type a real signed
// HTTP request to the ingress reaches a Sensor whose http trigger calls a local capture server;
// a GitHub redelivery (same X-GitHub-Delivery) fires once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { freePort } from '../../src/temporal/dev-server.js';
import { createSecretStore, secretEnvName } from '../../src/secrets/secret-store.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, sensorDecisions, startTestEventide, validManifests } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';

const GITHUB_SECRET = 'gh-e2e-secret';
const GITLAB_TOKEN = 'gl-e2e-token';
const BBS_SECRET = 'bbs-e2e-secret';

const secretEnv = {
  [secretEnvName({ name: 'hooks', key: 'github' })]: GITHUB_SECRET,
  [secretEnvName({ name: 'hooks', key: 'gitlab' })]: GITLAB_TOKEN,
  [secretEnvName({ name: 'hooks', key: 'bbs' })]: BBS_SECRET,
  [secretEnvName({ name: 'hooks', key: 'unused' })]: 'unused',
};

const hmac = (alg: 'sha256', secret: string, body: string) =>
  `${alg}=${createHmac(alg, secret).update(body).digest('hex')}`;

function es(name: string, type: string, config: Record<string, unknown>) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name },
    spec: { [type]: { example: config } },
  };
}

/** A Sensor on `<source>/example` whose http trigger posts the selected fields to capture /<source>. */
function forwardingSensor(source: string, captureUrl: string, fields: Record<string, string>) {
  return sensor(source, {
    dependencies: [{ name: 'd', eventSourceName: source, eventName: 'example' }],
    triggers: [
      {
        template: {
          name: 'forward',
          http: {
            url: `${captureUrl}/${source}`,
            method: 'POST',
            payload: Object.entries(fields).map(([dest, dataKey]) => ({
              src: { dependencyName: 'd', dataKey },
              dest,
            })),
          },
        },
      },
    ],
  });
}

describe('Git-host sources end to end', () => {
  let e: RunningEventide;
  let capture: CaptureServer;
  let port: number;
  const url = (endpoint: string) => `http://127.0.0.1:${port}${endpoint}`;
  const captured = (source: string) => capture.requests.filter((r) => r.url === `/${source}`);
  const waitForCapture = (source: string) =>
    waitFor(() => captured(source)[0], { what: `the ${source} trigger call`, timeoutMs: 15_000 });

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    const webhook = (endpoint: string) => ({ endpoint, port: String(port), method: 'POST' });
    e = await startTestEventide({
      secrets: createSecretStore({ env: secretEnv, dir: '/nonexistent' }),
      manifests: validManifests(
        es('github', 'github', {
          repositories: [{ owner: 'acme', names: ['app'] }],
          webhook: webhook('/github'),
          events: ['push'],
          webhookSecret: { name: 'hooks', key: 'github' },
        }),
        es('gitlab', 'gitlab', {
          projects: ['acme/app'],
          webhook: webhook('/gitlab'),
          events: ['PushEvents'],
          accessToken: { name: 'hooks', key: 'unused' },
          secretToken: { name: 'hooks', key: 'gitlab' },
          gitlabBaseURL: 'https://gitlab.example.com',
        }),
        es('bbs', 'bitbucketserver', {
          repositories: [{ projectKey: 'ACME', repositorySlug: 'app' }],
          webhook: webhook('/bbs'),
          webhookSecret: { name: 'hooks', key: 'bbs' },
          bitbucketserverBaseURL: 'https://bitbucket.example.com/rest',
        }),
        es('bitbucket', 'bitbucket', {
          repositories: [{ owner: 'acme', repositorySlug: 'app' }],
          webhook: webhook('/bitbucket'),
          events: ['repo:push'],
          auth: { oauthToken: { name: 'hooks', key: 'unused' } },
        }),
        es('gerrit', 'gerrit', {
          projects: ['app'],
          webhook: webhook('/gerrit'),
          events: ['patchset-created'],
          auth: { username: { name: 'hooks', key: 'unused' }, password: { name: 'hooks', key: 'unused' } },
          gerritBaseURL: 'https://gerrit.example.com',
        }),
        es('grid', 'storageGrid', {
          webhook: webhook('/grid'),
          events: ['s3:ObjectCreated:*'],
          topicArn: 'urn:sgws:sns:us-east::topic',
          bucket: 'uploads',
          apiURL: 'https://grid.example.com/api/v3',
          authToken: { name: 'hooks', key: 'unused' },
          filter: { prefix: 'in/' },
        }),
        forwardingSensor('github', capture.url, {
          event: 'headers.X-Github-Event.0',
          delivery: 'body.X-GitHub-Delivery',
          ref: 'body.ref',
        }),
        forwardingSensor('gitlab', capture.url, { kind: 'body.object_kind', ref: 'body.ref' }),
        forwardingSensor('bbs', capture.url, { ref: 'body.changes.0.refId', key: 'headers.X-Event-Key.0' }),
        forwardingSensor('bitbucket', capture.url, { branch: 'body.push.changes.0.new.name' }),
        forwardingSensor('gerrit', capture.url, { type: 'body.type', project: 'body.change.project' }),
        forwardingSensor('grid', capture.url, { key: 'notification.Message.Records.0.s3.object.key' }),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
  });

  test('github: a signed push fires the trigger; a redelivery of it fires nothing more', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'f00d' });
    const send = () =>
      fetch(url('/github'), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'push',
          'x-github-delivery': 'e2e-delivery-1',
          'x-hub-signature-256': hmac('sha256', GITHUB_SECRET, body),
        },
        body,
      });
    assert.equal((await send()).status, 200);
    const call = await waitForCapture('github');
    assert.deepEqual(JSON.parse(call.body), {
      event: 'push',
      delivery: 'e2e-delivery-1',
      ref: 'refs/heads/main',
    });

    assert.equal((await send()).status, 200, 'GitHub sees its redelivery accepted');
    await waitFor(
      async () =>
        (await sensorDecisions(e, 'github')).some(
          (d) => d.kind === 'event' && d.eventId === 'default/github/example:e2e-delivery-1' && d.duplicate,
        ),
      { what: 'the redelivery recognised as a duplicate' },
    );
    const fired = (await sensorDecisions(e, 'github')).filter((d) => d.kind === 'fired');
    assert.equal(fired.length, 1);
    assert.equal(captured('github').length, 1);
  });

  test('github: a wrongly signed request is refused and fires nothing', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/evil' });
    const res = await fetch(url('/github'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-delivery': 'e2e-forged',
        'x-hub-signature-256': hmac('sha256', 'not-the-secret', body),
      },
      body,
    });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { code: string }).code, 'EVT_ERR_INGRESS_BAD_SIGNATURE');
    const events = (await sensorDecisions(e, 'github')).filter(
      (d) => d.kind === 'event' && d.eventId === 'e2e-forged',
    );
    assert.deepEqual(events, []);
  });

  test('gitlab: a push with the secret token fires the trigger', async () => {
    const res = await fetch(url('/gitlab'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitlab-token': GITLAB_TOKEN,
        'x-gitlab-event': 'Push Hook',
      },
      body: JSON.stringify({ object_kind: 'push', ref: 'refs/heads/dev' }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse((await waitForCapture('gitlab')).body), {
      kind: 'push',
      ref: 'refs/heads/dev',
    });
  });

  test('bitbucketserver: an HMAC-signed refs_changed fires the trigger', async () => {
    const body = JSON.stringify({
      eventKey: 'repo:refs_changed',
      repository: { slug: 'app', project: { key: 'ACME' } },
      changes: [
        {
          ref: { id: 'refs/heads/main', type: 'BRANCH' },
          refId: 'refs/heads/main',
          toHash: 'abc',
          type: 'UPDATE',
        },
      ],
    });
    const res = await fetch(url('/bbs'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-event-key': 'repo:refs_changed',
        'x-hub-signature': hmac('sha256', BBS_SECRET, body),
      },
      body,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse((await waitForCapture('bbs')).body), {
      ref: 'refs/heads/main',
      key: 'repo:refs_changed',
    });
  });

  test('bitbucket: a push fires the trigger', async () => {
    const res = await fetch(url('/bitbucket'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-event-key': 'repo:push' },
      body: JSON.stringify({ push: { changes: [{ new: { name: 'release', type: 'branch' } }] } }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse((await waitForCapture('bitbucket')).body), { branch: 'release' });
  });

  test('gerrit: a patchset-created event fires the trigger', async () => {
    const res = await fetch(url('/gerrit'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'patchset-created', change: { project: 'app', number: 9 } }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse((await waitForCapture('gerrit')).body), {
      type: 'patchset-created',
      project: 'app',
    });
  });

  test('storageGrid: a notification under the prefix fires the trigger and gets a PublishResponse', async () => {
    const notification = (key: string) =>
      new URLSearchParams({
        Action: 'Publish',
        Message: JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { object: { key } } }] }),
        TopicArn: 'urn:sgws:sns:us-east::topic',
      }).toString();
    const post = (key: string) =>
      fetch(url('/grid'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: notification(key),
      });
    const skipped = await post('out/ignored.bin');
    assert.equal(skipped.status, 200);
    const res = await post('in/report.csv');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<PublishResponse/);
    assert.deepEqual(JSON.parse((await waitForCapture('grid')).body), { key: 'in/report.csv' });
    assert.equal(captured('grid').length, 1, 'the key outside the prefix fired nothing');
  });
});
