// Argo's `sns` EventSource: an HTTP(S) subscription endpoint of an SNS topic. Confirms the
// subscription when SNS asks, turns each Notification into {header, body, metadata}, and checks
// AWS's signature when `validateSignature: true`. Subscribing the endpoint to the topic (Argo
// does it with the AWS API at start) is left to the operator.
import type { PathSegment } from '../manifest/field-path.js';
import type { Problems } from '../manifest/problems.js';
import { boolAt, isObject, stringAt, type Obj } from '../manifest/shape-checks.js';
import type {
  HandlerResult,
  IngressRequest,
  PushSourceType,
  RouteSpec,
  SourceServices,
} from './source-type.js';
import { checkSecretSelector } from './webhook-context-rules.js';
import { goHeaderMap, MASKED_AUTH } from './webhook-source.js';
import { badBody, ignored, reject, unauthorized } from './saas/handler-results.js';
import {
  checkMetadataAndFilter,
  checkNestedBearer,
  checkNestedWebhook,
  metadataOf,
  nestedWebhookRoutes,
  routeEventId,
} from './saas/nested-webhook.js';
import { parseJsonBody } from './saas/json-body.js';
import { field, NOTIFICATION, SUBSCRIPTION_CONFIRMATION } from './sns/sns-message.js';
import { verifySnsMessage } from './sns/sns-signature.js';
import { extraTrustedOrigins, untrustedUrlReason } from './sns/sns-trusted-urls.js';
import { boundedGet, SnsFetchError } from './sns/sns-http.js';

const CONFIRM_TIMEOUT_MS = 10_000;

function validate(p: Problems, cfg: Obj, path: PathSegment[]): void {
  checkNestedWebhook(p, cfg, path);
  stringAt(p, cfg.topicArn, [...path, 'topicArn'], true);
  stringAt(p, cfg.region, [...path, 'region'], true);
  stringAt(p, cfg.roleARN, [...path, 'roleARN'], false);
  for (const key of ['accessKey', 'secretKey'] as const) {
    if (cfg[key] !== undefined) checkSecretSelector(p, cfg[key], [...path, key], true);
  }
  boolAt(p, cfg.validateSignature, [...path, 'validateSignature']);
  const endpoint = stringAt(p, cfg.endpoint, [...path, 'endpoint'], false);
  if (endpoint !== undefined && !/^https?:\/\/[^/]/i.test(endpoint)) {
    p.add(
      [...path, 'endpoint'],
      `must be an http(s) URL of an SNS-compatible service, got ${JSON.stringify(endpoint)}`,
    );
  }
  checkMetadataAndFilter(p, cfg, path, true);
}

const upstreamFailed = (message: string) => reject(502, 'EVT_ERR_INGRESS_UPSTREAM_FAILED', message);

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
  if (untrusted) return reject(400, 'EVT_ERR_INGRESS_UNTRUSTED_URL', untrusted);
  try {
    await boundedGet(url, doFetch, { timeoutMs: CONFIRM_TIMEOUT_MS, maxBytes: 64 * 1024 });
  } catch (e) {
    return upstreamFailed(`cannot confirm the SNS subscription: ${(e as Error).message}`);
  }
  return { kind: 'reply', status: 200, body: { status: 'confirmed', topicArn: field(msg, 'TopicArn') } };
}

/** Argo's SNSEventData: the request's headers (Authorization masked), the raw JSON body, metadata. */
function notificationEvent(req: IngressRequest, route: RouteSpec, msg: Obj): HandlerResult {
  const headers = { ...req.headers };
  if (headers.authorization) headers.authorization = [MASKED_AUTH];
  const metadata = metadataOf(route);
  const data = { header: goHeaderMap(headers), body: msg, ...(metadata ? { metadata } : {}) };
  const messageId = field(msg, 'MessageId');
  return { kind: 'events', events: [messageId ? { data, id: routeEventId(route, messageId) } : { data }] };
}

async function handle(
  req: IngressRequest,
  route: RouteSpec,
  services: SourceServices,
): Promise<HandlerResult> {
  const denied = checkNestedBearer(req, route, services);
  if (denied) return denied;
  // SNS posts JSON as text/plain, so the content type says nothing: the body is always JSON.
  const parsed = parseJsonBody(req.rawBody, 'request body (an SNS message)');
  if ('rejected' in parsed) return parsed.rejected;
  const msg = parsed.value;
  if (!isObject(msg) || typeof msg.Type !== 'string')
    return badBody('request body is not an SNS message (no "Type")');
  // Checked before the signature: a message for another topic costs no certificate fetch.
  const topic = field(msg, 'TopicArn');
  if (topic !== route.config.topicArn) {
    return reject(
      403,
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

export const snsSource: PushSourceType = {
  type: 'sns',
  validate,
  routes: (source, block) => nestedWebhookRoutes('sns', source, block),
  handle,
};
