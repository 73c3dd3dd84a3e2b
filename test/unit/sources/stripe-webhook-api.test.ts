// createWebhook: registering the endpoint at Stripe through its API, against a loopback fake.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stripeSource } from '../../../src/sources/stripe/stripe-source.js';
import { STRIPE_API_BASE_ENV } from '../../../src/sources/stripe/stripe-webhook-api.js';
import { createSecretStore } from '../../../src/secrets/secret-store.js';
import { secretsEnv } from '../../support/fakes/saas-port-app.js';
import { startStripeApiFake, type StripeApiFake } from '../../support/fakes/stripe-api-fake.js';

const API_KEY = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc';

function route(cfg: Record<string, unknown>) {
  const block = {
    billing: {
      webhook: { endpoint: 'hooks/stripe', port: '12000', url: 'https://events.example.com/' },
      createWebhook: true,
      apiKey: { name: 'stripe-api', key: 'key' },
      ...cfg,
    },
  };
  return stripeSource.routes({ namespace: 'payments', name: 'stripe' }, block)[0]!;
}

const services = (key = API_KEY) => ({
  secrets: createSecretStore({
    env: secretsEnv({ name: 'stripe-api', key: 'key', value: key }),
    dir: '/nonexistent',
  }),
});

describe('stripe createWebhook', () => {
  let fake: StripeApiFake;
  const saved = process.env[STRIPE_API_BASE_ENV];

  before(async () => {
    fake = await startStripeApiFake(API_KEY, { pageSize: 1 });
    process.env[STRIPE_API_BASE_ENV] = fake.url;
  });
  after(async () => {
    if (saved === undefined) delete process.env[STRIPE_API_BASE_ENV];
    else process.env[STRIPE_API_BASE_ENV] = saved;
    await fake.close();
  });

  test('creates the endpoint once at url + endpoint, then leaves it alone, then updates its events', async () => {
    fake.endpoints.push({
      id: 'we_other',
      url: 'https://elsewhere.example.com/x',
      enabled_events: ['*'],
      secret: 's',
    });
    const first = await stripeSource.activate(route({ eventFilter: ['charge.succeeded'] }), services());
    assert.equal(first?.action, 'created');
    const mine = fake.endpoints.filter((e) => e.url === 'https://events.example.com/hooks/stripe');
    assert.equal(mine.length, 1);
    assert.deepEqual(mine[0]!.enabled_events, ['charge.succeeded']);
    assert.equal(mine[0]!.description, 'Eventide payments/stripe billing');
    assert.ok(fake.requests.every((r) => r.authorization === `Bearer ${API_KEY}`));

    const again = await stripeSource.activate(route({ eventFilter: ['charge.succeeded'] }), services());
    assert.deepEqual(again, { id: first!.id, action: 'unchanged' });

    const widened = await stripeSource.activate(route({}), services());
    assert.deepEqual(widened, { id: first!.id, action: 'updated' });
    assert.deepEqual(mine[0]!.enabled_events, ['*'], 'no eventFilter registers every event type');
    assert.equal(fake.endpoints.length, 2, 'restarts never add a second registration');
  });

  test('a route without createWebhook calls nothing', async () => {
    const before = fake.requests.length;
    assert.equal(await stripeSource.activate(route({ createWebhook: false }), services()), undefined);
    assert.equal(fake.requests.length, before);
  });

  test("Stripe's error reaches the caller without the API key", async () => {
    await assert.rejects(
      () => stripeSource.activate(route({}), services('sk_test_wrong_key')),
      (e: Error) =>
        /answered 401: Invalid API Key provided/.test(e.message) && !e.message.includes('sk_test'),
    );
  });

  test('an API key this server cannot resolve fails naming the field', async () => {
    await assert.rejects(
      () =>
        stripeSource.activate(route({}), { secrets: createSecretStore({ env: {}, dir: '/nonexistent' }) }),
      /spec\.stripe\.billing\.apiKey is not configured/,
    );
  });
});
