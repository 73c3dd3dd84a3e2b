// Argo's `github` EventSource: GitHub webhook deliveries, signed with the webhook secret
// (X-Hub-Signature-256, else X-Hub-Signature), as JSON or as a form with a `payload` field.
// The event is {headers, body, metadata}; like Argo, the body gets the X-GitHub-Event and
// X-GitHub-Delivery header values as keys. The delivery id makes the event id, so a redelivery
// reaches each Sensor once.
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { reject } from '../push-common/replies.js';
import { header, mediaType } from '../push-common/request-headers.js';
import { parseJsonObject } from '../push-common/json-body.js';
import { eventDraft } from '../push-common/event-drafts.js';
import { gitEventData } from '../git-hosts/git-event-data.js';
import { checkHubSignature } from '../git-hosts/hub-signature.js';
import { checkGithubEvent } from './github-rules.js';

const EVENT_HEADER = 'X-GitHub-Event';
const DELIVERY_HEADER = 'X-GitHub-Delivery';

export const githubSource = webhookBackedSource({
  type: 'github',
  context: 'nested',
  expressionFilter: true,
  validate: checkGithubEvent,
  async handle(req, route, services) {
    const signature = header(req, 'x-hub-signature-256') || header(req, 'x-hub-signature');
    const bad = checkHubSignature(req, route, services, signature, {
      accepted: ['sha256', 'sha1', 'sha512'],
      header: 'X-Hub-Signature-256 (or X-Hub-Signature)',
      host: 'GitHub',
    });
    if (bad) return bad;
    let payload: string | Buffer;
    const type = mediaType(req.contentType);
    if (type === 'application/json') payload = req.rawBody;
    else if (type === 'application/x-www-form-urlencoded') {
      payload = new URLSearchParams(req.rawBody.toString('utf8')).get('payload') ?? '';
    } else {
      return reject(
        'EVT_ERR_INGRESS_UNSUPPORTED_MEDIA_TYPE',
        `GitHub deliveries are application/json or application/x-www-form-urlencoded, got ${JSON.stringify(req.contentType)}`,
      );
    }
    const parsed = parseJsonObject(payload, 'the GitHub payload');
    if (!parsed.ok) return parsed.rejected;
    const event = header(req, EVENT_HEADER.toLowerCase());
    const delivery = header(req, DELIVERY_HEADER.toLowerCase());
    const body = { ...parsed.value, [EVENT_HEADER]: event, [DELIVERY_HEADER]: delivery };
    return { kind: 'events', events: [eventDraft(route, gitEventData(req, route, body), delivery)] };
  },
});
