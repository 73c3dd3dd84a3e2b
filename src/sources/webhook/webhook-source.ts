// Argo's `webhook` EventSource: any HTTP request on the endpoint becomes an event
// {header, body, metadata}; an optional bearer token (authSecret) guards it.
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { eventHeaders } from '../push-common/request-headers.js';
import { badBody } from '../push-common/replies.js';
import { stringMap } from '../config-values.js';
import { parseRequestBody } from './request-body.js';

export { MASKED_AUTH } from '../push-common/request-headers.js';

interface WebhookConfig {
  /** Argo's webhook payload has no omitempty on metadata: null when unset */
  metadata: Record<string, string> | null;
}

export const webhookSource = webhookBackedSource({
  type: 'webhook',
  context: 'flat',
  expressionFilter: true,
  readConfig: (cfg): WebhookConfig => ({ metadata: stringMap(cfg.metadata) ?? null }),
  async handle(req, _route, _services, { metadata }) {
    const body = parseRequestBody(req);
    if (!body.ok) return badBody(body.message);
    return { kind: 'events', events: [{ data: { header: eventHeaders(req), body: body.value, metadata } }] };
  },
});
