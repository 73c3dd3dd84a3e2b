// Argo's `storageGrid` EventSource: NetApp StorageGRID bucket notifications (SNS-style form
// posts). The event is {notification, metadata}; notifications whose object key misses the
// prefix / suffix filter are acknowledged and dropped. Every accepted request is answered with
// an SNS PublishResponse, which StorageGRID expects.
import { randomUUID } from 'node:crypto';
import { isObject } from '../../vocabulary/shape-checks.js';
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { badBody } from '../push-common/replies.js';
import { withMetadata } from '../push-common/event-drafts.js';
import { checkStorageGridEvent } from './storagegrid-rules.js';
import { objectKey, parseNotification, passesKeyFilter } from './storagegrid-notification.js';

function publishResponse(method: string): { status: number; body: string; contentType: string } {
  const body =
    method === 'HEAD'
      ? ''
      : '<PublishResponse xmlns="http://argoevents-sns-server/"><PublishResult>' +
        `<MessageId>${randomUUID()}</MessageId></PublishResult><ResponseMetadata>` +
        `<RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>\n`;
  return { status: 200, body, contentType: 'text/xml' };
}

interface KeyFilter {
  prefix?: string;
  suffix?: string;
}

interface StorageGridConfig {
  filter: KeyFilter;
}

export const storageGridSource = webhookBackedSource({
  type: 'storageGrid',
  context: 'nested',
  // `filter` is a key prefix / suffix here, not an expression (Argo's StorageGridFilter).
  expressionFilter: false,
  validate: checkStorageGridEvent,
  readConfig: (cfg): StorageGridConfig => {
    const f = isObject(cfg.filter) ? cfg.filter : {};
    const filter: KeyFilter = {};
    if (typeof f.prefix === 'string') filter.prefix = f.prefix;
    if (typeof f.suffix === 'string') filter.suffix = f.suffix;
    return { filter };
  },
  async handle(req, route, _services, { filter }) {
    const reply = publishResponse(req.method);
    // An empty request (a reachability check) is acknowledged without an event, as in Argo.
    if (req.rawBody.length === 0) return { kind: 'reply', ...reply };
    const parsed = parseNotification(req.rawBody, req.contentType);
    if (!parsed.ok) return badBody(parsed.message);
    if (!passesKeyFilter(objectKey(parsed.notification), filter)) return { kind: 'reply', ...reply };
    return {
      kind: 'events',
      // Argo's EventSourceType (the CloudEvent type Sensors see) is "storagegrid", not the spec key.
      events: [{ data: withMetadata({ notification: parsed.notification }, route), type: 'storagegrid' }],
      reply,
    };
  },
});
