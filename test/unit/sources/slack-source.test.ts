// The slack EventSource through the port app: Slack's request signing, replay window, legacy
// token, and Argo's event data for Events API callbacks, slash commands and interactive payloads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { validatePath } from '../../../src/manifest/validate-manifest.js';
import { validateText } from '../../../src/manifest/validate-manifest.js';
import { stringify } from 'yaml';
import { eventSource, saasPortApp, secretsEnv } from '../../support/fakes/saas-port-app.js';

const SIGNING_SECRET = 'slack-signing-8f3a';
const TOKEN = 'legacy-verification-token';
const PORT = 12000;

const secrets = secretsEnv(
  { name: 'slack-secret', key: 'signingSecret', value: SIGNING_SECRET },
  { name: 'slack-secret', key: 'tokenkey', value: TOKEN },
);

function manifest(extra: Record<string, unknown> = {}, webhook: Record<string, unknown> = {}) {
  return eventSource('slack', {
    slack: {
      app: {
        webhook: { endpoint: '/slack', port: String(PORT), method: 'POST', ...webhook },
        signingSecret: { name: 'slack-secret', key: 'signingSecret' },
        token: { name: 'slack-secret', key: 'tokenkey' },
        ...extra,
      },
    },
  });
}

// Slack's published scheme: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}")).
function signed(body: string, opts: { ageSeconds?: number; secret?: string; contentType?: string } = {}) {
  const ts = String(Math.floor(Date.now() / 1000) - (opts.ageSeconds ?? 0));
  const sig = createHmac('sha256', opts.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex');
  return {
    'content-type': opts.contentType ?? 'application/json',
    'x-slack-request-timestamp': ts,
    'x-slack-signature': `v0=${sig}`,
  };
}

const post = (h: ReturnType<typeof saasPortApp>, body: string, headers: Record<string, string>) =>
  h.app.inject({ method: 'POST', url: '/slack', payload: body, headers });

const callback = JSON.stringify({
  token: TOKEN,
  team_id: 'T1',
  api_app_id: 'A1',
  type: 'event_callback',
  event_id: 'Ev0001',
  event_time: 1700000000,
  event: { type: 'app_mention', user: 'U1', text: '<@U0> deploy', channel: 'C1', ts: '1700000000.0001' },
});

describe('slack EventSource', () => {
  test("Argo's example manifest validates", () => {
    const r = validatePath('/work/shared/argo-examples/event-sources/slack.yaml');
    assert.deepEqual(r.problems, []);
    assert.equal(r.valid.length, 1);
  });

  test('validation names missing and malformed fields by path', () => {
    const r = validateText(
      'x.yaml',
      stringify(
        eventSource('slack', {
          slack: { a: { webhook: { endpoint: '/', port: 'x' }, token: { name: 's' } } },
        }),
      ),
    );
    assert.deepEqual(r.problems.map((p) => `${p.path}: ${p.message}`).sort(), [
      'spec.slack.a.signingSecret: required',
      'spec.slack.a.token.key: required',
      'spec.slack.a.webhook.port: must be a number, got string "x"',
    ]);
  });

  test('the token is optional (Argo requires it; Slack has deprecated it)', () => {
    const m = manifest();
    delete (m.spec as { slack: { app: Record<string, unknown> } }).slack.app.token;
    assert.deepEqual(validateText('x.yaml', stringify(m)).problems, []);
  });

  test('an Events API callback becomes {type, Data} with an id from event_id', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const res = await post(h, callback, signed(callback));
    assert.equal(res.statusCode, 200);
    assert.equal(h.dispatched.length, 1);
    const [draft] = h.dispatched[0]!.drafts;
    assert.deepEqual(draft!.data, {
      type: 'app_mention',
      Data: { type: 'app_mention', user: 'U1', text: '<@U0> deploy', channel: 'C1', ts: '1700000000.0001' },
    });
    assert.equal(draft!.id, 'default/slack/app:Ev0001');
    assert.deepEqual(res.json(), { status: 'accepted', events: ['default/slack/app:Ev0001'], sensors: 1 });
  });

  test('url_verification is answered with the challenge as text and makes no event', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const body = JSON.stringify({
      token: TOKEN,
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const res = await post(h, body, signed(body));
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P');
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(h.dispatched.length, 0);
  });

  test('a wrong legacy token is refused on Events API requests', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const body = JSON.stringify({ token: 'not-it', challenge: 'c', type: 'url_verification' });
    const res = await post(h, body, signed(body));
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'EVT_ERR_INGRESS_UNAUTHORIZED');
    assert.doesNotMatch(res.body, new RegExp(TOKEN));
  });

  test('a signature made with another secret is refused', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const res = await post(h, callback, signed(callback, { secret: 'someone-else' }));
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'EVT_ERR_INGRESS_UNAUTHORIZED');
    assert.equal(h.dispatched.length, 0);
  });

  test('a body changed after signing is refused', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const res = await post(h, callback.replace('deploy', 'destroy'), signed(callback));
    assert.equal(res.statusCode, 401);
    assert.equal(h.dispatched.length, 0);
  });

  test('an unsigned request is refused', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const res = await post(h, callback, { 'content-type': 'application/json' });
    assert.equal(res.statusCode, 401);
    assert.match(res.json().message, /missing X-Slack-Signature/);
  });

  test('timestamps older than 5 minutes are refused; 4 minutes old or ahead of the clock is fine', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const old = await post(h, callback, signed(callback, { ageSeconds: 6 * 60 }));
    assert.equal(old.statusCode, 401);
    assert.match(old.json().message, /s old \(at most 300 s allowed\): replayed request or clock skew/);
    assert.equal(h.dispatched.length, 0);
    const recent = await post(h, callback, signed(callback, { ageSeconds: 4 * 60 }));
    assert.equal(recent.statusCode, 200);
    // @slack/bolt refuses only stale timestamps: a sender clock 6 minutes ahead is skew, accepted.
    const ahead = await post(h, callback, signed(callback, { ageSeconds: -6 * 60 }));
    assert.equal(ahead.statusCode, 200);
    assert.equal(h.dispatched.length, 2);
  });

  test('a signature without the "v0=" version prefix is refused, as by Slack\'s SDKs', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const headers = signed(callback);
    const bare = headers['x-slack-signature'].slice('v0='.length);
    for (const sig of [bare, `v1=${bare}`]) {
      const res = await post(h, callback, { ...headers, 'x-slack-signature': sig });
      assert.equal(res.statusCode, 401, sig);
      assert.equal(res.json().message, 'X-Slack-Signature has no "v0=" version prefix');
    }
    assert.equal(h.dispatched.length, 0);
  });

  test("a slash command becomes slack-go's SlashCommand, token masked", async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const form = new URLSearchParams({
      token: TOKEN,
      team_id: 'T1',
      team_domain: 'acme',
      channel_id: 'C1',
      channel_name: 'ops',
      user_id: 'U1',
      user_name: 'ada',
      command: '/deploy',
      text: 'api v2',
      response_url: 'https://hooks.slack.com/commands/1/2/3',
      trigger_id: '13345224609.738474920.8088930838d88f008e0',
      api_app_id: 'A1',
      unknown_field: 'dropped',
    }).toString();
    const res = await post(h, form, signed(form, { contentType: 'application/x-www-form-urlencoded' }));
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '', 'Slack documents an empty 200 as the acknowledgement');
    assert.deepEqual(h.events(), [
      {
        token: '*** Masked Verification Token ***',
        team_id: 'T1',
        team_domain: 'acme',
        is_enterprise_install: false,
        channel_id: 'C1',
        channel_name: 'ops',
        user_id: 'U1',
        user_name: 'ada',
        command: '/deploy',
        text: 'api v2',
        response_url: 'https://hooks.slack.com/commands/1/2/3',
        trigger_id: '13345224609.738474920.8088930838d88f008e0',
        api_app_id: 'A1',
      },
    ]);
    assert.equal(h.dispatched[0]!.drafts[0]!.id, undefined, 'Slack does not retry commands: no stable id');
  });

  test('an interactive payload becomes the payload JSON, token masked', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const payload = {
      type: 'block_actions',
      token: TOKEN,
      user: { id: 'U1', username: 'ada' },
      actions: [{ action_id: 'approve', block_id: 'b1', value: 'yes', type: 'button' }],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await post(
      h,
      form,
      signed(form, { contentType: 'application/x-www-form-urlencoded; charset=utf-8' }),
    );
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '', 'Slack documents an empty 200 as the acknowledgement');
    assert.deepEqual(h.events(), [{ ...payload, token: '*** Masked Verification Token ***' }]);
  });

  test('malformed bodies get 400: bad JSON, a form of neither kind, a payload that is not JSON', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const form = 'application/x-www-form-urlencoded';
    for (const [body, contentType] of [
      ['{"type":', 'application/json'],
      ['[1,2]', 'application/json'],
      ['foo=bar', form],
      ['payload=%7Bnot-json', form],
      [JSON.stringify({ token: TOKEN, type: 'event_callback' }), 'application/json'],
    ] as const) {
      const res = await post(h, body, signed(body, { contentType }));
      assert.equal(res.statusCode, 400, body);
      assert.equal(res.json().code, 'EVT_ERR_INGRESS_BAD_BODY');
    }
    assert.equal(h.dispatched.length, 0);
  });

  test('other Events API types (app_rate_limited) are acknowledged without an event', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets });
    const body = JSON.stringify({ token: TOKEN, type: 'app_rate_limited', minute_rate_limited: 1 });
    const res = await post(h, body, signed(body));
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ignored');
    assert.equal(h.dispatched.length, 0);
  });

  test('an oversize body gets 413 before any check', async () => {
    const h = saasPortApp(manifest({}, { maxPayloadSize: 256 }), { port: PORT, secrets });
    const body = JSON.stringify({ pad: 'x'.repeat(400) });
    const res = await post(h, body, signed(body));
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().code, 'EVT_ERR_INGRESS_PAYLOAD_TOO_LARGE');
  });

  test('a signing secret this server cannot resolve gets 500 naming the field, not the secret', async () => {
    const h = saasPortApp(manifest(), { port: PORT, secrets: {} });
    const res = await post(h, callback, signed(callback));
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().code, 'EVT_ERR_INGRESS_SECRET_MISSING');
    assert.match(res.json().message, /spec\.slack\.app\.signingSecret/);
    assert.doesNotMatch(res.body, /slack-secret/);
  });

  test('webhook.authSecret is checked first, as Argo does for every webhook-backed source', async () => {
    const h = saasPortApp(manifest({}, { authSecret: { name: 'bearer', key: 't' } }), {
      port: PORT,
      secrets: { ...secrets, ...secretsEnv({ name: 'bearer', key: 't', value: 'b3arer' }) },
    });
    const without = await post(h, callback, signed(callback));
    assert.equal(without.statusCode, 401);
    assert.match(without.json().message, /Bearer/);
    const withIt = await post(h, callback, { ...signed(callback), authorization: 'Bearer b3arer' });
    assert.equal(withIt.statusCode, 200);
  });
});
