// Argo's `sns` EventSource: an HTTP(S) subscription endpoint of an SNS topic. Confirms the
// subscription when SNS asks, turns each Notification into {header, body, metadata}, and checks
// AWS's signature when `validateSignature: true`. Subscribing the endpoint to the topic (Argo
// does it with the AWS API at start) is left to the operator.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import type { HandlerResult, IngressRequest, RouteSpec, SourceServices } from '../source-type.js';
import { isHttpUrl, optionalSecret } from '../push-common/webhook-context-rules.js';
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { badBody, ignored, reject, unauthorized } from '../push-common/replies.js';
import { parseJsonObject } from '../push-common/json-body.js';
import { eventHeaders } from '../push-common/request-headers.js';
import { eventDraft, withMetadata } from '../push-common/event-drafts.js';
import { field, NOTIFICATION, SUBSCRIPTION_CONFIRMATION } from './sns-message.js';
import { verifySnsMessage } from './sns-signature.js';
import { extraTrustedOrigins, untrustedUrlReason } from './sns-trusted-urls.js';
import { boundedGet, SnsFetchError } from './sns-http.js';

const CONFIRM_TIMEOUT_MS = 10_000;

function validate(p: Problems, cfg: Obj, path: PathSegment[]): void {
  stringAt(p, cfg.topicArn, [...path, 'topicArn'], true);
  stringAt(p, cfg.region, [...path, 'region'], true);
  stringAt(p, cfg.roleARN, [...path, 'roleARN'], false);
  for (const key of ['accessKey', 'secretKey'] as const) optionalSecret(p, cfg[key], [...path, key]);
  boolAt(p, cfg.validateSignature, [...path, 'validateSignature']);
  const endpoint = stringAt(p, cfg.endpoint, [...path, 'endpoint'], false);
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    p.add(
      [...path, 'endpoint'],
      `must be an http(s) URL of an SNS-compatible service, got ${JSON.stringify(endpoint)}`,
    );
  }
}

const upstreamFailed = (message: string) => reject('EVT_ERR_INGRESS_UPSTREAM_FAILED', message);

async function signatureRejection(
  msg: Obj,
  route: RouteSpec,
  doFetch: typeof fetch,
  trustedOrigins: string[],
  nowMs: number,
): Promise<HandlerResult | undefined> {
  if (route.config.validateSignature !== true) return undefined;
  try {
    const verdict = await verifySnsMessage(msg, { fetch: doFetch, trustedOrigins, nowMs });
    return verdict.ok ? undefined : unauthorized(`SNS signature check failed: ${verdict.message}`);
  } catch (e) {
    // An unreachable certificate is our problem, not the sender's: 5xx makes SNS retry.
    if (e instanceof SnsFetchError)
      return upstreamFailed(`cannot fetch the SNS signing certificate: ${e.message}`);
    return unauthorized(`SNS signature check failed: ${(e as Error).message}`);
  }
}

async function confirm(msg: Obj, doFetch: typeof fetch, trustedOrigins: string[]): Promise<HandlerResult> {
  const url = field(msg, 'SubscribeURL');
  const untrusted = untrustedUrlReason('SubscribeURL', url, trustedOrigins);
  if (untrusted) return reject('EVT_ERR_INGRESS_UNTRUSTED_URL', untrusted);
  try {
    await boundedGet(url, doFetch, { timeoutMs: CONFIRM_TIMEOUT_MS, maxBytes: 64 * 1024 });
  } catch (e) {
    return upstreamFailed(`cannot confirm the SNS subscription: ${(e as Error).message}`);
  }
  return { kind: 'reply', status: 200, body: { status: 'confirmed', topicArn: field(msg, 'TopicArn') } };
}

/** Argo's SNSEventData: the request's headers (as Go holds them), the raw JSON body, metadata. */
function notificationEvent(req: IngressRequest, route: RouteSpec, msg: Obj): HandlerResult {
  const data = withMetadata({ header: eventHeaders(req), body: msg }, route);
  return { kind: 'events', events: [eventDraft(route, data, field(msg, 'MessageId'))] };
}

async function handle(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
): Promise<HandlerResult> {
  // SNS posts JSON as text/plain, so the content type says nothing: the body is always JSON.
  const parsed = parseJsonObject(req.rawBody, 'request body (an SNS message)');
  if (!parsed.ok) return parsed.rejected;
  const msg = parsed.value;
  if (typeof msg.Type !== 'string') return badBody('request body is not an SNS message (no "Type")');
  // Checked before the signature: a message for another topic costs no certificate fetch.
  const topic = field(msg, 'TopicArn');
  if (topic !== route.config.topicArn) {
    return reject(
      'EVT_ERR_INGRESS_FORBIDDEN',
      `message is for topic ${JSON.stringify(topic)}; this endpoint serves ${JSON.stringify(route.config.topicArn)}`,
    );
  }
  const doFetch = services.fetch ?? fetch;
  const trusted = extraTrustedOrigins(route);
  const badSignature = await signatureRejection(msg, route, doFetch, trusted, req.receivedAt);
  if (badSignature) return badSignature;
  switch (msg.Type) {
    case SUBSCRIPTION_CONFIRMATION:
      return confirm(msg, doFetch, trusted);
    case NOTIFICATION:
      return notificationEvent(req, route, msg);
    default:
      return ignored(`SNS ${JSON.stringify(msg.Type)} messages carry no event`);
  }
}

export const snsSource = webhookBackedSource({
  type: 'sns',
  context: 'nested',
  expressionFilter: true,
  validate,
  handle,
});
