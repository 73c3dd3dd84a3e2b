// Slack's request signing (https://api.slack.com/authentication/verifying-requests-from-slack):
// X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}")), with
// X-Slack-Request-Timestamp no more than 5 minutes old. As in Slack's own SDKs (@slack/bolt's
// verify-request, @slack/events-api), only staleness is refused: a timestamp ahead of the server
// clock is clock skew, not a replay. A signature without the "v0=" version is refused, as there.
import { createHmac } from 'node:crypto';
import type { IngressRequest } from '../source-type.js';
import { constantTimeEqual } from '../push-common/constant-time.js';

const SLACK_REPLAY_WINDOW_MS = 5 * 60 * 1000;

function slackSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`v0:${timestamp}:`);
  mac.update(rawBody);
  return `v0=${mac.digest('hex')}`;
}

/** Why the request is not Slack's, or undefined when its signature and timestamp hold. */
export function slackSignatureProblem(req: IngressRequest, secret: string): string | undefined {
  const signature = req.headers['x-slack-signature']?.[0] ?? '';
  const timestamp = req.headers['x-slack-request-timestamp']?.[0] ?? '';
  if (signature === '' || timestamp === '') {
    return 'missing X-Slack-Signature or X-Slack-Request-Timestamp header';
  }
  if (!/^[+-]?\d{1,19}$/.test(timestamp)) return 'X-Slack-Request-Timestamp is not a Unix time in seconds';
  const ageMs = req.receivedAt - Number(timestamp) * 1000;
  if (ageMs > SLACK_REPLAY_WINDOW_MS) {
    return `X-Slack-Request-Timestamp is ${Math.round(ageMs / 1000)} s old (at most 300 s allowed): replayed request or clock skew`;
  }
  if (!signature.startsWith('v0=')) return 'X-Slack-Signature has no "v0=" version prefix';
  const given = signature.slice(3);
  if (given.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(given)) return 'X-Slack-Signature is not hex';
  const expected = slackSignature(secret, timestamp, req.rawBody).slice(3);
  return constantTimeEqual(given.toLowerCase(), expected)
    ? undefined
    : 'X-Slack-Signature does not match the body';
}
