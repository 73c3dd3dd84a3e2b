// Argo's `slack` EventSource: Slack app requests (Events API, slash commands, interactive
// payloads) verified with the app's signing secret, and optionally the legacy verification token.
import type { HandlerResult, IngressRequest, RouteSpec, SourceServices } from '../source-type.js';
import { checkSecretSelector, optionalSecret } from '../push-common/webhook-context-rules.js';
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { badBody, ignored, unauthorized, type Rejection } from '../push-common/replies.js';
import { optionalRouteSecret, routeSecret } from '../push-common/route-secrets.js';
import { constantTimeEqual } from '../push-common/constant-time.js';
import { mediaType } from '../push-common/request-headers.js';
import { parseJsonObject } from '../push-common/json-body.js';
import { eventDraft } from '../push-common/event-drafts.js';
import { slackSignatureProblem } from './slack-signature.js';
import { classifyEventsApi, interactionData, slashCommandData } from './slack-payloads.js';

/** Slack documents an empty HTTP 200 as the acknowledgement of commands and interactions. */
const EMPTY_ACK = { status: 200, body: '', contentType: 'text/plain' };

function handleForm(req: IngressRequest): HandlerResult {
  const form = new URLSearchParams(req.rawBody.toString('utf8'));
  const payload = form.get('payload') ?? '';
  if (payload !== '') {
    const parsed = interactionData(payload);
    if (!parsed.ok) return badBody(parsed.message);
    return { kind: 'events', events: [{ data: parsed.value }], reply: EMPTY_ACK };
  }
  if ((form.get('command') ?? '') !== '') {
    return { kind: 'events', events: [{ data: slashCommandData(form) }], reply: EMPTY_ACK };
  }
  return badBody('form body is neither an interactive payload ("payload") nor a slash command ("command")');
}

/** Argo checks the legacy token on Events API requests only (slackevents.OptionVerifyToken). */
function tokenRejection(route: RouteSpec, services: SourceServices, given: unknown): Rejection | undefined {
  const token = optionalRouteSecret(route, 'token', services);
  if (!token.ok) return token.rejected;
  if (token.value === undefined) return undefined;
  if (typeof given !== 'string' || !constantTimeEqual(given, token.value)) {
    return unauthorized('invalid verification token');
  }
  return undefined;
}

function handleEventsApi(req: IngressRequest, route: RouteSpec, services: SourceServices): HandlerResult {
  const body = parseJsonObject(req.rawBody, 'Events API body');
  if (!body.ok) return body.rejected;
  const denied = tokenRejection(route, services, body.value.token);
  if (denied) return denied;
  const request = classifyEventsApi(body.value);
  switch (request.kind) {
    case 'invalid':
      return badBody(request.message);
    case 'challenge':
      return { kind: 'reply', status: 200, body: request.challenge, contentType: 'text/plain' };
    case 'other':
      return ignored(`Slack ${JSON.stringify(request.type)} requests carry no event`);
    case 'event':
      return { kind: 'events', events: [eventDraft(route, request.data, request.eventId)] };
  }
}

export const slackSource = webhookBackedSource({
  type: 'slack',
  context: 'nested',
  expressionFilter: true,
  validate(p, cfg, path) {
    checkSecretSelector(p, cfg.signingSecret, [...path, 'signingSecret'], true);
    optionalSecret(p, cfg.token, [...path, 'token']);
  },
  async handle(req, route, services) {
    const secret = routeSecret(route, 'signingSecret', services);
    if (!secret.ok) return secret.rejected;
    const problem = slackSignatureProblem(req, secret.value);
    if (problem) return unauthorized(problem);
    return mediaType(req.contentType) === 'application/x-www-form-urlencoded'
      ? handleForm(req)
      : handleEventsApi(req, route, services);
  },
});
