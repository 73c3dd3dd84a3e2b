// The `slack` trigger: posts a message (text, attachments, blocks) with chat.postMessage, as
// Argo does through argoproj/notifications-engine. A `thread.messageAggregationKey` groups
// messages into one thread: the first message with the key starts it, later ones reply to it
// (and are also shown in the channel with broadcastMessageToChannel). Like Argo, thread starts
// are remembered per worker process. A bot that is not in the channel joins it and posts again.
import type { SecretKeySelector } from '../../../src/vocabulary/manifest-types.js';
import type { TriggerImpl } from '../../trigger-context.js';
import { retryableTriggerError, triggerConfigError } from '../../trigger-errors.js';
import { callSlack, findChannelId, SlackApiError } from './slack-api.js';

interface SlackTriggerSpec {
  slackToken?: SecretKeySelector;
  channel?: string;
  message?: string;
  /** JSON text: a list of legacy attachments */
  attachments?: string;
  /** JSON text: a list of Block Kit blocks */
  blocks?: string;
  thread?: { messageAggregationKey?: string; broadcastMessageToChannel?: boolean };
  sender?: { username?: string; icon?: string };
}

const LABEL = 'slack trigger';

/** channel + aggregation key → ts of the message that started the thread */
const threadStarts = new Map<string, string>();

function jsonList(text: string | undefined, field: string, attempt: number): unknown[] | undefined {
  if (!text) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw triggerConfigError(`${LABEL}: ${field} is not valid JSON: ${(e as Error).message}`, attempt);
  }
  if (!Array.isArray(v)) throw triggerConfigError(`${LABEL}: ${field} must be a JSON list`, attempt);
  return v;
}

/** sender.icon: an :emoji: or an http(s) URL; anything else is ignored, as in Argo. */
function iconFields(icon: string | undefined): Record<string, string> {
  if (!icon) return {};
  if (/^:.+:$/.test(icon)) return { icon_emoji: icon };
  try {
    const u = new URL(icon);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.host) return { icon_url: icon };
  } catch {
    // not a URL
  }
  return {};
}

function slackFailure(e: unknown, attempt: number) {
  if (e instanceof SlackApiError) {
    return e.retryable
      ? retryableTriggerError(`${LABEL}: ${e.message}`, attempt)
      : triggerConfigError(`${LABEL}: ${e.message}`, attempt);
  }
  return retryableTriggerError(`${LABEL}: ${(e as Error).message}`, attempt);
}

export const slackTrigger: TriggerImpl = async ({ fire, attempt, services }) => {
  const spec = (fire.template.slack ?? {}) as SlackTriggerSpec;
  if (!spec.slackToken) throw triggerConfigError(`${LABEL}: slackToken is required`, attempt);
  let token: string;
  try {
    token = services.secrets.get(spec.slackToken);
  } catch (e) {
    throw triggerConfigError(`${LABEL}: slackToken: ${(e as Error).message}`, attempt);
  }
  const channel = (spec.channel ?? '').replace(/^#/, '');
  if (!channel) throw triggerConfigError(`${LABEL}: no slack channel provided`, attempt);
  const message = spec.message ?? '';
  const attachments = jsonList(spec.attachments, 'attachments', attempt);
  const blocks = jsonList(spec.blocks, 'blocks', attempt);
  if (!message && !attachments && !blocks) {
    throw triggerConfigError(
      `${LABEL}: no text to post: at least one of message, attachments, blocks is needed`,
      attempt,
    );
  }
  const body: Record<string, unknown> = { channel, text: message, ...iconFields(spec.sender?.icon) };
  if (attachments) body.attachments = attachments;
  if (blocks) body.blocks = blocks;
  if (spec.sender?.username) body.username = spec.sender.username;
  const key = spec.thread?.messageAggregationKey;
  const threadKey = key ? `${channel}\u0000${key}` : undefined;
  const threadTs = threadKey ? threadStarts.get(threadKey) : undefined;
  if (threadTs) {
    body.thread_ts = threadTs;
    if (spec.thread?.broadcastMessageToChannel) body.reply_broadcast = true;
  }

  type Posted = { channel?: string; ts?: string };
  const post = () => callSlack<Posted>('chat.postMessage', token, body);
  let posted: Posted;
  try {
    posted = await post();
  } catch (e) {
    if (!(e instanceof SlackApiError && e.code === 'not_in_channel')) throw slackFailure(e, attempt);
    // Argo's first Slack trigger joined channels; a bot token with channels:join can do so.
    try {
      const id = /^[CG][A-Z0-9]{6,}$/.test(channel) ? channel : await findChannelId(token, channel);
      if (!id) throw new SlackApiError('conversations.list', 'channel_not_found', false, channel);
      await callSlack('conversations.join', token, { channel: id });
      posted = await post();
    } catch (e2) {
      throw slackFailure(e2, attempt);
    }
  }
  if (threadKey && !threadTs && posted.ts) threadStarts.set(threadKey, posted.ts);
  return { channel: posted.channel ?? channel, ts: posted.ts, ...(threadTs ? { threadTs } : {}) };
};
