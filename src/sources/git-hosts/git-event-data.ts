// The event data of Argo's Git-host sources, {headers, body, metadata}, and the sources whose
// deliveries carry no signature of their own (Bitbucket Cloud, Gerrit).
import type { IngressRequest, PushSourceType, RouteSpec } from '../source-type.js';
import { webhookBackedSource, type WebhookBackedType } from '../push-common/webhook-backed-source.js';
import { eventHeaders } from '../push-common/request-headers.js';
import { parseJsonBody } from '../push-common/json-body.js';
import { withMetadata } from '../push-common/event-drafts.js';

/** {headers, body, metadata}: the event data of Argo's github, gitlab, bitbucket(server) and gerrit sources. */
export function gitEventData(
  req: IngressRequest,
  route: RouteSpec,
  body: unknown,
  secretHeaders: readonly string[] = [],
): Record<string, unknown> {
  return withMetadata({ headers: eventHeaders(req, secretHeaders), body }, route);
}

/** Guarded only by webhook.authSecret when set; any JSON body becomes {headers, body, metadata}. */
export function unsignedJsonSource(
  type: string,
  validate: WebhookBackedType['validate'],
  host: string,
): PushSourceType {
  return webhookBackedSource({
    type,
    context: 'nested',
    expressionFilter: true,
    validate,
    async handle(req, route) {
      const body = parseJsonBody(req.rawBody, `the ${host} payload`);
      if (!body.ok) return body.rejected;
      return { kind: 'events', events: [{ data: gitEventData(req, route, body.value) }] };
    },
  });
}
