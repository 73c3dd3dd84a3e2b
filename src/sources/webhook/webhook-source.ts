// Argo's `webhook` EventSource: any HTTP request on the endpoint becomes an event
// {header, body, metadata}; an optional bearer token (authSecret) guards it. A request that is a
// CloudEvent (binary, structured or batched mode) keeps the sender's id, type, time, source,
// subject and extensions; a plain request with an Idempotency-Key (or X-Request-Id) gets an id
// from it, so a sender that retries after a lost answer does not fire twice.
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { eventHeaders, header } from '../push-common/request-headers.js';
import { badBody } from '../push-common/replies.js';
import { eventDraft } from '../push-common/event-drafts.js';
import { stringMap } from '../config-values.js';
import type { EventDraft, IngressRequest, RouteSpec } from '../source-type.js';
import { parseRequestBody } from './request-body.js';
import { senderCloudEvents, type SenderCloudEvent } from './sender-cloudevents.js';

export { MASKED_AUTH } from '../push-common/request-headers.js';

interface WebhookConfig {
  /** Argo's webhook payload has no omitempty on metadata: null when unset */
  metadata: Record<string, string> | null;
}

/** W3C trace context of a plain request, kept as the CloudEvents distributed-tracing extension. */
function traceExtensions(req: IngressRequest): Record<string, string> | undefined {
  const traceparent = header(req, 'traceparent');
  if (!traceparent) return undefined;
  const tracestate = header(req, 'tracestate');
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/**
 * The sender's id scoped like every push source's upstream id; CloudEvents are unique by
 * source + id, so both make it. The routing attributes stay Eventide's (source = EventSource,
 * subject = event name: Sensors match on them); the sender's travel as extensions.
 */
function cloudEventDraft(route: RouteSpec, data: unknown, ce: SenderCloudEvent): EventDraft {
  const draft = eventDraft(route, data, `ce:${ce.source}#${ce.id}`);
  draft.type = ce.type;
  if (ce.time !== undefined) draft.time = Date.parse(ce.time);
  draft.extensions = {
    ...ce.extensions,
    senderid: ce.id,
    sendersource: ce.source,
    ...(ce.subject !== undefined ? { sendersubject: ce.subject } : {}),
  };
  return draft;
}

export const webhookSource = webhookBackedSource({
  type: 'webhook',
  context: 'flat',
  expressionFilter: true,
  readConfig: (cfg): WebhookConfig => ({ metadata: stringMap(cfg.metadata) ?? null }),
  async handle(req, route, _services, { metadata }) {
    const sent = senderCloudEvents(req);
    if (sent.kind === 'invalid') return badBody(sent.message);
    const body = parseRequestBody(req);
    if (!body.ok) return badBody(body.message);
    const headers = eventHeaders(req);
    if (sent.kind === 'events') {
      // A batch becomes one event per CloudEvent, each with its own envelope as the body.
      const bodies = sent.mode === 'batch' ? (body.value as unknown[]) : [body.value];
      return {
        kind: 'events',
        events: sent.events.map((ce, i) =>
          cloudEventDraft(route, { header: headers, body: bodies[i], metadata }, ce),
        ),
      };
    }
    const key = header(req, 'idempotency-key') || header(req, 'x-request-id');
    const draft = eventDraft(route, { header: headers, body: body.value, metadata }, key);
    const trace = traceExtensions(req);
    if (trace) draft.extensions = trace;
    return { kind: 'events', events: [draft] };
  },
});
