// The few Slack Web API methods the slack trigger calls, over fetch. The base URL is
// https://slack.com/api unless EVENTIDE_SLACK_API_URL points elsewhere (a proxy, tests).
// Slack answers 200 with {ok:false,error} for most failures; 429 means rate limited.

const DEFAULT_SLACK_API_URL = 'https://slack.com/api';

export class SlackApiError extends Error {
  constructor(
    readonly method: string,
    /** Slack's error code (channel_not_found, ratelimited, …) or http_<status> / network */
    readonly code: string,
    readonly retryable: boolean,
    detail?: string,
  ) {
    super(`Slack ${method} failed: ${code}${detail ? ` (${detail})` : ''}`);
    this.name = 'SlackApiError';
  }
}

/** Errors another attempt can fix; the rest (bad token, unknown channel, bad blocks) cannot. */
const RETRYABLE_CODES = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

function slackApiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.EVENTIDE_SLACK_API_URL || DEFAULT_SLACK_API_URL).replace(/\/+$/, '');
}

export async function callSlack<T extends object>(
  method: string,
  token: string,
  body: Record<string, unknown>,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${slackApiUrl()}/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new SlackApiError(method, 'network', true, cause ?? (e as Error).message);
  }
  const text = await res.text().catch(() => '');
  if (res.status === 429) {
    const after = res.headers.get('retry-after');
    throw new SlackApiError(method, 'ratelimited', true, after ? `retry after ${after}s` : undefined);
  }
  if (!res.ok) throw new SlackApiError(method, `http_${res.status}`, res.status >= 500);
  let json: { ok?: boolean; error?: string };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new SlackApiError(method, 'invalid_response', true, 'the answer is not JSON');
  }
  if (json.ok !== true) {
    const code = json.error ?? 'unknown_error';
    throw new SlackApiError(method, code, RETRYABLE_CODES.has(code));
  }
  return json as T;
}

/** A channel's id from its name (conversations.list, public and private, paginated). */
export async function findChannelId(token: string, name: string): Promise<string | undefined> {
  let cursor = '';
  for (let page = 0; page < 50; page++) {
    const r = await callSlack<{
      channels?: { id: string; name: string }[];
      response_metadata?: { next_cursor?: string };
    }>('conversations.list', token, {
      exclude_archived: true,
      limit: 1000,
      types: 'public_channel,private_channel',
      ...(cursor ? { cursor } : {}),
    });
    const found = r.channels?.find((c) => c.name === name);
    if (found) return found.id;
    cursor = r.response_metadata?.next_cursor ?? '';
    if (!cursor) return undefined;
  }
  return undefined;
}
