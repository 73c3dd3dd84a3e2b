// slack, stripe and sns EventSources end to end over real sockets: signed requests into the
// ingress, through a real Temporal dev server, to Sensors whose http triggers call a capture server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { freePort } from '../../src/temporal/dev-server.js';
import { createSecretStore } from '../../src/secrets/secret-store.js';
import type { RunningEventide } from '../../src/runtime/start-eventide.js';
import { SNS_TRUSTED_ORIGINS_ENV } from '../../src/sources/sns/sns-trusted-urls.js';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.js';
import { sensor, startTestEventide, validManifests } from '../support/eventide.js';
import { waitFor } from '../support/wait-for.js';
import { eventSource, secretsEnv } from '../support/fakes/saas-port-app.js';
import { startSnsFake, type SnsFake } from '../support/fakes/sns-aws-fake.js';

const SLACK_SECRET = 'slack-signing-it';
const SLACK_TOKEN = 'slack-token-it';
const STRIPE_SECRET = 'whsec_it_77';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:orders';

function httpSensor(name: string, source: string, event: string, path: string, payload: [string, string][]) {
  return sensor(name, {
    dependencies: [{ name: 'dep', eventSourceName: source, eventName: event }],
    triggers: [
      {
        template: {
          name: 'forward',
          http: {
            url: `${capture.url}${path}`,
            method: 'POST',
            payload: payload.map(([dataKey, dest]) => ({ src: { dependencyName: 'dep', dataKey }, dest })),
          },
        },
      },
    ],
  });
}

let capture: CaptureServer;

describe('SaaS sources end to end', () => {
  let e: RunningEventide;
  let sns: SnsFake;
  let port: number;
  const savedTrust = process.env[SNS_TRUSTED_ORIGINS_ENV];
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const captured = (path: string) =>
    waitFor(() => capture.requests.find((r) => r.url === path), { what: `trigger call to ${path}` });

  before(async () => {
    port = await freePort();
    capture = await startCaptureServer();
    sns = await startSnsFake();
    process.env[SNS_TRUSTED_ORIGINS_ENV] = sns.url;
    const webhook = (endpoint: string) => ({ endpoint, port: String(port), method: 'POST' });
    e = await startTestEventide({
      secrets: createSecretStore({
        env: secretsEnv(
          { name: 'slack', key: 'signing', value: SLACK_SECRET },
          { name: 'slack', key: 'token', value: SLACK_TOKEN },
          { name: 'stripe', key: 'whsec', value: STRIPE_SECRET },
        ),
        dir: '/nonexistent',
      }),
      manifests: validManifests(
        eventSource('saas', {
          slack: {
            app: {
              webhook: webhook('/slack'),
              signingSecret: { name: 'slack', key: 'signing' },
              token: { name: 'slack', key: 'token' },
            },
          },
          stripe: {
            payments: {
              webhook: webhook('/stripe'),
              endpointSecret: { name: 'stripe', key: 'whsec' },
              eventFilter: ['payment_intent.succeeded'],
              metadata: { team: 'billing' },
            },
          },
          sns: {
            orders: {
              webhook: webhook('/sns'),
              topicArn: TOPIC,
              region: 'us-east-1',
              validateSignature: true,
            },
          },
        }),
        httpSensor('slack-mentions', 'saas', 'app', '/slack', [
          ['type', 'type'],
          ['Data.text', 'text'],
        ]),
        httpSensor('stripe-payments', 'saas', 'payments', '/stripe', [
          ['event.type', 'type'],
          ['event.data.object.amount', 'amount'],
          ['metadata.team', 'team'],
        ]),
        httpSensor('sns-orders', 'saas', 'orders', '/sns', [
          ['body.Message', 'message'],
          ['body.TopicArn', 'topic'],
        ]),
      ),
    });
  });

  after(async () => {
    await e?.stop();
    await capture?.close();
    await sns?.close();
    if (savedTrust === undefined) delete process.env[SNS_TRUSTED_ORIGINS_ENV];
    else process.env[SNS_TRUSTED_ORIGINS_ENV] = savedTrust;
  });

  test('slack: a signed Events API callback fires the trigger; a forged one is refused', async () => {
    const body = JSON.stringify({
      token: SLACK_TOKEN,
      type: 'event_callback',
      event_id: 'Ev42',
      event: { type: 'app_mention', text: 'ship it', user: 'U1', channel: 'C1' },
    });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const headers = { 'content-type': 'application/json', 'x-slack-request-timestamp': ts };
    const forged = await fetch(url('/slack'), {
      method: 'POST',
      headers: { ...headers, 'x-slack-signature': `v0=${'0'.repeat(64)}` },
      body,
    });
    assert.equal(forged.status, 401);
    const res = await fetch(url('/slack'), {
      method: 'POST',
      headers: { ...headers, 'x-slack-signature': sig },
      body,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const call = await captured('/slack');
    assert.deepEqual(JSON.parse(call.body), { type: 'app_mention', text: 'ship it' });
  });

  test('stripe: a signed payment event fires the trigger with its amount and metadata', async () => {
    const body = JSON.stringify({
      id: 'evt_it_1',
      object: 'event',
      type: 'payment_intent.succeeded',
      created: 1700000000,
      data: { object: { id: 'pi_1', amount: 4200 } },
    });
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', STRIPE_SECRET).update(`${t}.${body}`).digest('hex');
    const res = await fetch(url('/stripe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` },
      body,
    });
    assert.equal(res.status, 200, await res.clone().text());
    const call = await captured('/stripe');
    assert.deepEqual(JSON.parse(call.body), {
      type: 'payment_intent.succeeded',
      amount: '4200',
      team: 'billing',
    });
  });

  test('sns: the subscription is confirmed, then a signed notification fires the trigger', async () => {
    const confirmation = sns.subscriptionConfirmation(TOPIC);
    const confirmed = await fetch(url('/sns'), {
      method: 'POST',
      headers: {
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': 'SubscriptionConfirmation',
      },
      body: JSON.stringify(confirmation),
    });
    assert.equal(confirmed.status, 200, await confirmed.clone().text());
    assert.ok(sns.requests.some((r) => r.startsWith('GET /confirm?') && r.includes(confirmation.Token!)));

    const note = sns.notification(TOPIC, { message: '{"order":"A-9"}', version: '2' });
    const res = await fetch(url('/sns'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' },
      body: JSON.stringify(note),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const call = await captured('/sns');
    assert.deepEqual(JSON.parse(call.body), { message: '{"order":"A-9"}', topic: TOPIC });
  });
});
