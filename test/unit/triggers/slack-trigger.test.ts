// The slack trigger against a fake Slack Web API (EVENTIDE_SLACK_API_URL).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { slackTrigger } from '../../../activities/triggers/slack/execute.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fakes/slack-api-server.js';
import { DEP, failureOf, fireFor, requestFor } from './trigger-fixtures.js';

const TOKEN = { EVENTIDE_SECRET_SLACK_SECRET_TOKEN: 'xoxb-test' };
const slackToken = { name: 'slack-secret', key: 'token' };

function slack(spec: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { template: { name: 'slack-trigger', slack: { slackToken, ...spec } }, ...extra };
}

async function post(spec: Record<string, unknown>, data: unknown = {}, extra: Record<string, unknown> = {}) {
  return (await slackTrigger(requestFor(fireFor(slack(spec, extra), data), { secrets: TOKEN }))) as Record<
    string,
    unknown
  >;
}

describe('slack trigger', () => {
  let api: FakeSlackApi;
  const saved = process.env.EVENTIDE_SLACK_API_URL;

  before(async () => {
    api = await startFakeSlackApi();
    process.env.EVENTIDE_SLACK_API_URL = api.url;
  });
  after(async () => {
    process.env.EVENTIDE_SLACK_API_URL = saved;
    await api.close();
  });
  beforeEach(() => {
    api.calls.length = 0;
  });

  test('posts the message with the token, sender name and emoji icon; # is dropped', async () => {
    const detail = await post({
      channel: '#general',
      message: 'hello world',
      sender: { username: 'bot', icon: ':robot_face:' },
    });
    assert.equal(api.calls.length, 1);
    const call = api.calls[0]!;
    assert.equal(call.method, 'chat.postMessage');
    assert.equal(call.authorization, 'Bearer xoxb-test');
    assert.deepEqual(call.body, {
      channel: 'general',
      text: 'hello world',
      username: 'bot',
      icon_emoji: ':robot_face:',
    });
    assert.equal(detail.channel, 'C0GENERAL1');
    assert.match(String(detail.ts), /^\d+\.\d+$/);
    await post({ channel: 'general', message: 'x', sender: { icon: 'https://example.com/i.png' } });
    assert.equal(api.calls[1]!.body.icon_url, 'https://example.com/i.png');
    await post({ channel: 'general', message: 'x', sender: { icon: 'not an icon' } });
    assert.equal('icon_url' in api.calls[2]!.body || 'icon_emoji' in api.calls[2]!.body, false);
  });

  test('trigger parameters set the channel and message from the event (Argo’s example)', async () => {
    await post(
      { channel: 'general', message: 'hello world' },
      { body: { channel: 'random', message: 'from event' } },
      {
        parameters: [
          { src: { dependencyName: DEP, dataKey: 'body.channel' }, dest: 'slack.channel' },
          { src: { dependencyName: DEP, dataKey: 'body.message' }, dest: 'slack.message' },
        ],
      },
    );
    assert.deepEqual(api.calls[0]!.body, { channel: 'random', text: 'from event' });
  });

  test('attachments and blocks are sent as JSON lists; malformed JSON is a config error', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }];
    const attachments = [{ title: 'A', color: '#18be52' }];
    await post({
      channel: 'general',
      blocks: JSON.stringify(blocks),
      attachments: JSON.stringify(attachments),
    });
    assert.deepEqual(api.calls[0]!.body.blocks, blocks);
    assert.deepEqual(api.calls[0]!.body.attachments, attachments);
    const bad = await failureOf(() => post({ channel: 'general', blocks: '[{' }));
    assert.equal(bad.nonRetryable, true);
    assert.match(bad.message, /blocks is not valid JSON/);
    const notList = await failureOf(() => post({ channel: 'general', attachments: '{"a":1}' }));
    assert.match(notList.message, /attachments must be a JSON list/);
  });

  test('messages with the same aggregation key form a thread, optionally broadcast', async () => {
    const thread = { messageAggregationKey: 'deploy-42', broadcastMessageToChannel: true };
    const first = await post({ channel: 'general', message: 'started', thread });
    await post({ channel: 'general', message: 'step 1', thread });
    await post({ channel: 'general', message: 'other', thread: { messageAggregationKey: 'deploy-43' } });
    assert.equal(api.calls[0]!.body.thread_ts, undefined);
    assert.equal(api.calls[1]!.body.thread_ts, first.ts);
    assert.equal(api.calls[1]!.body.reply_broadcast, true);
    assert.equal(api.calls[2]!.body.thread_ts, undefined);
  });

  test('Slack errors: unknown channel and bad auth are permanent, rate limits are retried', async () => {
    const unknown = await failureOf(() => post({ channel: 'nowhere', message: 'x' }));
    assert.equal(unknown.nonRetryable, true);
    assert.match(unknown.message, /channel_not_found/);
    api.answerNext('chat.postMessage', 'invalid_auth');
    assert.equal((await failureOf(() => post({ channel: 'general', message: 'x' }))).nonRetryable, true);
    api.answerNext('chat.postMessage', 'ratelimited');
    const limited = await failureOf(() => post({ channel: 'general', message: 'x' }));
    assert.equal(limited.nonRetryable, false);
    api.answerNext('chat.postMessage', 429);
    const http429 = await failureOf(() => post({ channel: 'general', message: 'x' }));
    assert.equal(http429.nonRetryable, false);
    assert.match(http429.message, /ratelimited \(retry after 1s\)/);
  });

  test('a bot outside the channel joins it (name → id via conversations.list) and posts again', async () => {
    api.notJoined.add('C0RANDOM01');
    await post({ channel: 'random', message: 'x' });
    assert.deepEqual(
      api.calls.map((c) => c.method),
      ['chat.postMessage', 'conversations.list', 'conversations.join', 'chat.postMessage'],
    );
    assert.equal(api.calls[2]!.body.channel, 'C0RANDOM01');
  });

  test('configuration errors: no token secret, no channel, nothing to post', async () => {
    const noSecret = await failureOf(() =>
      slackTrigger(requestFor(fireFor(slack({ channel: 'general', message: 'x' })), { secrets: {} })),
    );
    assert.equal(noSecret.nonRetryable, true);
    assert.match(noSecret.message, /slackToken: secret slack-secret\/token not found/);
    assert.doesNotMatch(noSecret.message, /xoxb/);
    const noChannel = await failureOf(() => post({ message: 'x' }));
    assert.match(noChannel.message, /no slack channel provided/);
    const nothing = await failureOf(() => post({ channel: 'general' }));
    assert.match(nothing.message, /at least one of message, attachments, blocks/);
    assert.equal(api.calls.length, 0);
  });
});
