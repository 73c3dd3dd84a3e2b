// Argo's `github` EventSource: GitHub webhook deliveries, signed with the webhook secret
// (X-Hub-Signature-256, else X-Hub-Signature), as JSON or as a form with a `payload` field.
// The event is {headers, body, metadata}; like Argo, the body gets the X-GitHub-Event and
// X-GitHub-Delivery header values as keys. The delivery id is the event id, so a redelivery
// reaches each Sensor once.
import type { PushSourceType } from './source-type.js';
import {
  admit,
  badBody,
  gitEventData,
  gitHostRoutes,
  header,
  mediaType,
  parseJsonBody,
  reject,
} from './git-hosts/git-event-data.js';
import { checkHubSignature } from './git-hosts/hub-signature.js';
import { checkGithubEvent } from './github/github-rules.js';

const EVENT_HEADER = 'X-GitHub-Event';
const DELIVERY_HEADER = 'X-GitHub-Delivery';

export const githubSource: PushSourceType = {
  type: 'github',
  validate: checkGithubEvent,
  routes: gitHostRoutes('github', { expressionFilter: true }),
  async handle(req, route, services) {
    const admitted = admit(req, route, services, 'webhookSecret');
    if (admitted.denied) return admitted.denied;
    if (admitted.secret !== undefined) {
      const signed = header(req, 'x-hub-signature-256') || header(req, 'x-hub-signature');
      const bad = checkHubSignature(signed, req.rawBody, admitted.secret, ['sha256', 'sha1', 'sha512'], {
        header: 'X-Hub-Signature-256 (or X-Hub-Signature)',
        host: 'GitHub',
      });
      if (bad) return bad;
    }
    let payload: string;
    const type = mediaType(req.contentType);
    if (type === 'application/json') payload = req.rawBody.toString('utf8');
    else if (type === 'application/x-www-form-urlencoded') {
      payload = new URLSearchParams(req.rawBody.toString('utf8')).get('payload') ?? '';
    } else {
      return reject(
        415,
        'EVT_ERR_INGRESS_UNSUPPORTED_MEDIA_TYPE',
        `GitHub deliveries are application/json or application/x-www-form-urlencoded, got ${JSON.stringify(req.contentType)}`,
      );
    }
    const parsed = parseJsonBody(payload, 'the GitHub payload');
    if (!parsed.ok) return parsed.reject;
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return badBody('the GitHub payload must be a JSON object');
    }
    const event = header(req, EVENT_HEADER.toLowerCase());
    const delivery = header(req, DELIVERY_HEADER.toLowerCase());
    const body = { ...parsed.value, [EVENT_HEADER]: event, [DELIVERY_HEADER]: delivery };
    return {
      kind: 'events',
      events: [{ data: gitEventData(req, route, body), ...(delivery ? { id: delivery } : {}) }],
    };
  },
};
