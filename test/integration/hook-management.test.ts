// Hook management through the EventSource workflow on a real dev server, against local fakes of
// GitHub's and Stripe's APIs: applying an EventSource registers exactly one hook, re-applying
// registers no second one, a change reaches the provider, and deleting the EventSource removes
// the hook when (and only when) deleteHookOnFinish says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { createSecretStore, secretEnvName } from '../../src/secrets/secret-store.js';
import { applyResource, deleteResource } from '../../src/control/resources.js';
import { STRIPE_API_BASE_ENV } from '../../src/sources/stripe/stripe-webhook-api.js';
import { eventSourceWorkflowId } from '../../src/vocabulary/eventsource-api.js';
import { startTestEventide, validManifests } from '../support/eventide.js';
import { startGithubApiFake, type GithubApiFake } from '../support/fakes/github-api-fake.js';
import { startStripeApiFake, type StripeApiFake } from '../support/fakes/stripe-api-fake.js';
import { waitFor } from '../support/wait-for.js';
import { historyText } from '../support/history-payloads.js';

const GITHUB_TOKEN = 'ghp_hook_management_token';
const HOOK_SECRET = 'hook-signing-secret';
const STRIPE_KEY = 'sk_test_hook_management_key';
const PUBLIC_URL = 'https://events.example.com';

const secretEnv = {
  [secretEnvName({ name: 'github', key: 'token' })]: GITHUB_TOKEN,
  [secretEnvName({ name: 'github', key: 'hook-secret' })]: HOOK_SECRET,
  [secretEnvName({ name: 'stripe', key: 'api-key' })]: STRIPE_KEY,
};

const eventSource = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'EventSource',
  metadata: { name },
  spec,
});

describe('hook management through the EventSource workflow', () => {
  let e: RunningEventide;
  let github: GithubApiFake;
  let stripe: StripeApiFake;
  const stripeBaseBefore = process.env[STRIPE_API_BASE_ENV];

  /** What `eventide apply` does with one EventSource. */
  const apply = (doc: object) => applyResource(e.client, validManifests(doc)[0]!, { taskQueue: e.taskQueue });
  const hooksOf = (repo: string) => github.hooks.get(`repos/${repo}`) ?? [];
  const githubCalls = (method: string, repo: string) =>
    github.calls.filter((c) => c.method === method && c.path.startsWith(`/repos/${repo}/hooks`));
  const waitUntilEnded = (name: string) =>
    waitFor(
      async () =>
        (await e.client.workflow.getHandle(eventSourceWorkflowId('default', name)).describe()).status.name ===
        'COMPLETED',
      { what: `the EventSource workflow ${name} to end` },
    );

  /** A github event managing a hook on acme/<repo> that calls PUBLIC_URL/<repo>. */
  function githubEvent(repo: string, events: string[], extra: Record<string, unknown> = {}) {
    return {
      repositories: [{ owner: 'acme', names: [repo] }],
      webhook: { endpoint: `/${repo}`, port: '13100', method: 'POST', url: PUBLIC_URL },
      events,
      contentType: 'json',
      apiToken: { name: 'github', key: 'token' },
      // GitHub Enterprise style (Argo requires both URLs together).
      githubBaseURL: github.url,
      githubUploadURL: github.url,
      ...extra,
    };
  }

  before(async () => {
    github = await startGithubApiFake({ token: GITHUB_TOKEN });
    stripe = await startStripeApiFake(STRIPE_KEY);
    // Read by the hook activity when it runs, in this process (the test's worker).
    process.env[STRIPE_API_BASE_ENV] = stripe.url;
    e = await startTestEventide({
      ingress: false,
      secrets: createSecretStore({ env: secretEnv, dir: '/nonexistent' }),
    });
  });

  after(async () => {
    await e?.stop();
    await github?.close();
    await stripe?.close();
    if (stripeBaseBefore === undefined) delete process.env[STRIPE_API_BASE_ENV];
    else process.env[STRIPE_API_BASE_ENV] = stripeBaseBefore;
  });

  test('github with deleteHookOnFinish: one hook on apply, none more on re-apply, replaced on change, removed on delete', async () => {
    const managed = (events: string[]) => githubEvent('app', events, { deleteHookOnFinish: true });
    const applied = await apply(eventSource('gh-managed', { github: { push: managed(['push']) } }));
    assert.equal(applied.created, true);

    const [hook] = await waitFor(() => hooksOf('acme/app').length > 0 && hooksOf('acme/app'), {
      what: 'the hook on acme/app',
    });
    assert.equal(hooksOf('acme/app').length, 1);
    assert.deepEqual(
      { name: hook!.name, active: hook!.active, events: hook!.events, config: hook!.config },
      {
        name: 'web',
        active: true,
        events: ['push'],
        config: { url: `${PUBLIC_URL}/app`, insecure_ssl: '0', content_type: 'json' },
      },
    );
    assert.ok(
      github.calls.every((c) => c.authorization === `Bearer ${GITHUB_TOKEN}`),
      'every call carries the apiToken',
    );

    // Re-apply the same spec, then add an event on another repository: once that one's hook
    // exists the workflow has seen both applies, and acme/app still has its single hook.
    const reapplied = await apply(eventSource('gh-managed', { github: { push: managed(['push']) } }));
    assert.equal(reapplied.created, false);
    await apply(
      eventSource('gh-managed', {
        github: { push: managed(['push']), probe: githubEvent('probe', ['push']) },
      }),
    );
    await waitFor(() => hooksOf('acme/probe').length === 1, { what: 'the hook on acme/probe' });
    assert.deepEqual(
      hooksOf('acme/app').map((h) => h.id),
      [hook!.id],
    );
    assert.equal(githubCalls('POST', 'acme/app').length, 1, 'acme/app was created once');

    // Changing the events: the old hook goes (deleteHookOnFinish), a new one has the new events.
    await apply(
      eventSource('gh-managed', {
        github: { push: managed(['push', 'pull_request']), probe: githubEvent('probe', ['push']) },
      }),
    );
    const [changed] = await waitFor(
      () =>
        hooksOf('acme/app').length === 1 &&
        hooksOf('acme/app')[0]!.events.length === 2 &&
        hooksOf('acme/app'),
      { what: 'the hook on acme/app with the new events' },
    );
    assert.deepEqual([...changed!.events].sort(), ['pull_request', 'push']);
    assert.equal(changed!.config.url, `${PUBLIC_URL}/app`);
    assert.deepEqual(
      githubCalls('DELETE', 'acme/app').map((c) => c.path),
      [`/repos/acme/app/hooks/${hook!.id}`],
    );

    await deleteResource(e.client, 'EventSource', 'default', 'gh-managed');
    await waitFor(() => hooksOf('acme/app').length === 0, { what: 'the hook on acme/app to be removed' });
    await waitUntilEnded('gh-managed');
    // The probe event did not ask for deleteHookOnFinish: its hook stays, as in Argo.
    assert.equal(hooksOf('acme/probe').length, 1);
  });

  test('github without deleteHookOnFinish: a change updates the hook in place; delete leaves it', async () => {
    const kept = (events: string[]) =>
      githubEvent('kept', events, { webhookSecret: { name: 'github', key: 'hook-secret' } });
    await apply(eventSource('gh-kept', { github: { push: kept(['push']) } }));
    const [hook] = await waitFor(() => hooksOf('acme/kept').length > 0 && hooksOf('acme/kept'), {
      what: 'the hook on acme/kept',
    });

    assert.equal(hook!.config.secret, HOOK_SECRET, 'GitHub gets the webhookSecret value');

    await apply(eventSource('gh-kept', { github: { push: kept(['push', 'release']) } }));
    await waitFor(() => hooksOf('acme/kept')[0]!.events.length === 2, { what: 'the updated hook' });
    assert.equal(hooksOf('acme/kept').length, 1);
    assert.equal(hooksOf('acme/kept')[0]!.id, hook!.id, 'updated in place');
    assert.equal(githubCalls('PATCH', 'acme/kept').length, 1);
    assert.equal(githubCalls('POST', 'acme/kept').length, 1);

    await deleteResource(e.client, 'EventSource', 'default', 'gh-kept');
    await waitUntilEnded('gh-kept');
    // The activity inputs and results name the secrets, never their values.
    const history = await historyText(e.client, eventSourceWorkflowId('default', 'gh-kept'));
    assert.ok(history.includes('"hook-secret"'), 'the payloads are searched');
    for (const secret of [GITHUB_TOKEN, HOOK_SECRET]) {
      assert.ok(!history.includes(secret), 'no secret value in the EventSource history');
    }
    assert.equal(hooksOf('acme/kept').length, 1);
    assert.equal(githubCalls('DELETE', 'acme/kept').length, 0);
  });

  test('stripe createWebhook: one endpoint on apply, none more on re-apply, updated on change, kept on delete', async () => {
    const stripeEvent = (eventFilter: string[]) => ({
      webhook: { endpoint: '/stripe', port: '13101', method: 'POST', url: PUBLIC_URL },
      createWebhook: true,
      apiKey: { name: 'stripe', key: 'api-key' },
      eventFilter,
    });
    const creates = () =>
      stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/webhook_endpoints');

    await apply(eventSource('payments', { stripe: { charges: stripeEvent(['charge.succeeded']) } }));
    const [endpoint] = await waitFor(() => stripe.endpoints.length > 0 && stripe.endpoints, {
      what: 'the Stripe endpoint',
    });
    assert.equal(endpoint!.url, `${PUBLIC_URL}/stripe`);
    assert.deepEqual(endpoint!.enabled_events, ['charge.succeeded']);
    assert.equal(endpoint!.description, 'Eventide default/payments charges');
    assert.ok(stripe.requests.every((r) => r.authorization === `Bearer ${STRIPE_KEY}`));

    await apply(eventSource('payments', { stripe: { charges: stripeEvent(['charge.succeeded']) } }));
    await apply(
      eventSource('payments', { stripe: { charges: stripeEvent(['charge.succeeded', 'charge.refunded']) } }),
    );
    await waitFor(() => stripe.endpoints[0]!.enabled_events.length === 2, { what: 'the updated endpoint' });
    assert.equal(stripe.endpoints.length, 1);
    assert.deepEqual(stripe.endpoints[0]!.enabled_events, ['charge.succeeded', 'charge.refunded']);
    assert.equal(creates().length, 1, 'the endpoint was created once');

    // Argo never deletes the endpoint it registered; neither does Eventide.
    await deleteResource(e.client, 'EventSource', 'default', 'payments');
    await waitUntilEnded('payments');
    assert.equal(stripe.endpoints.length, 1);
  });
});
