// Argo's `slack` EventSource: Slack app requests (Events API, slash commands, interactive
// payloads) verified with the app's signing secret, and optionally the legacy verification token.
import type {
  HandlerResult,
  IngressRequest,
  PushSourceType,
  RouteSpec,
  SourceServices,
} from './source-type.js';
import type { SecretKeySelector } from '../manifest/types.js';
import { isObject } from '../manifest/shape-checks.js';
import { checkSecretSelector } from './webhook-context-rules.js';
import { constantTimeEqual } from './webhook-source.js';
import { badBody, ignored, lookupSecret, unauthorized, type Rejection } from './saas/handler-results.js';
import {
  checkMetadataAndFilter,
  checkNestedBearer,
  checkNestedWebhook,
  nestedWebhookRoutes,
  routeEventId,
} from './saas/nested-webhook.js';
import { parseJsonBody } from './saas/json-body.js';
import { slackSignatureProblem } from './slack/slack-signature.js';
import { classifyEventsApi, interactionData, slashCommandData } from './slack/slack-payloads.js';

function isForm(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

function handleForm(req: IngressRequest): HandlerResult {
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const payload = form.get('payload') ?? '';
  if (payload !== '') {
    const parsed = interactionData(payload);
    if (!parsed.ok) return badBody(parsed.message);
    return { kind: 'events', events: [{ data: parsed.value }] };
  }
  if ((form.get('command') ?? '') !== '') {
    return { kind: 'events', events: [{ data: slashCommandData(form) }] };
  }
  return badBody('form body is neither an interactive payload ("payload") nor a slash command ("command")');
}

/** Argo checks the legacy token on Events API requests only (slackevents.OptionVerifyToken). */
function tokenRejection(route: RouteSpec, services: SourceServices, given: unknown): Rejection | undefined {
  const ref = route.config.token as SecretKeySelector | undefined;
  if (!ref?.name || !ref.key) return undefined;
  const token = lookupSecret(services, ref, `spec.slack.${route.eventName}.token`);
  if ('rejected' in token) return token.rejected;
  if (typeof given !== 'string' || !constantTimeEqual(given, token.value)) {
    return unauthorized('invalid verification token');
  }
  return undefined;
}

function handleEventsApi(req: IngressRequest, route: RouteSpec, services: SourceServices): HandlerResult {
  const parsed = parseJsonBody(req.rawBody, 'Events API body');
  if ('rejected' in parsed) return parsed.rejected;
  const body = parsed.value;
  if (!isObject(body)) return badBody('Events API body is not a JSON object');
  const denied = tokenRejection(route, services, body.token);
  if (denied) return denied;
  const request = classifyEventsApi(body);
  switch (request.kind) {
    case 'invalid':
      return badBody(request.message);
    case 'challenge':
      return { kind: 'reply', status: 200, body: request.challenge, contentType: 'text/plain' };
    case 'other':
      return ignored(`Slack ${JSON.stringify(request.type)} requests carry no event`);
    case 'event':
      return {
        kind: 'events',
        events: [
          request.eventId
            ? { data: request.data, id: routeEventId(route, request.eventId) }
            : { data: request.data },
        ],
      };
  }
}

export const slackSource: PushSourceType = {
  type: 'slack',
  validate(p, cfg, path) {
    checkNestedWebhook(p, cfg, path);
    checkSecretSelector(p, cfg.signingSecret, [...path, 'signingSecret'], true);
    if (cfg.token !== undefined) checkSecretSelector(p, cfg.token, [...path, 'token'], true);
    checkMetadataAndFilter(p, cfg, path, true);
  },
  routes: (source, block) => nestedWebhookRoutes('slack', source, block),
  async handle(req, route, services) {
    const denied = checkNestedBearer(req, route, services);
    if (denied) return denied;
    const ref = route.config.signingSecret as SecretKeySelector;
    const secret = lookupSecret(services, ref, `spec.slack.${route.eventName}.signingSecret`);
    if ('rejected' in secret) return secret.rejected;
    const problem = slackSignatureProblem(req, secret.value);
    if (problem) return unauthorized(problem);
    return isForm(req.contentType) ? handleForm(req) : handleEventsApi(req, route, services);
  },
};
