// Argo's `bitbucketserver` EventSource: Bitbucket Server (Data Center) webhook deliveries, signed
// with the webhookSecret (X-Hub-Signature: sha256=<hex HMAC of the raw body>). The event is
// {headers, body, metadata}; repo:refs_changed deliveries can skip branches with open pull
// requests and be split into one event per change.
import { isObject } from '../../vocabulary/shape-checks.js';
import type { EventDraft } from '../source-type.js';
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { badBody, reject } from '../push-common/replies.js';
import { routeSecret } from '../push-common/route-secrets.js';
import { header } from '../push-common/request-headers.js';
import { parseJsonBody } from '../push-common/json-body.js';
import { gitEventData } from '../git-hosts/git-event-data.js';
import { checkHubSignature } from '../git-hosts/hub-signature.js';
import { checkBitbucketServerEvent } from './bitbucketserver-rules.js';
import { bitbucketServerApi } from './bitbucketserver-api.js';
import { splitPerChange, withoutOpenPullRequestChanges, type RefsChanged } from './refs-changed.js';

export const bitbucketServerSource = webhookBackedSource({
  type: 'bitbucketserver',
  context: 'nested',
  expressionFilter: true,
  validate: checkBitbucketServerEvent,
  async handle(req, route, services) {
    const bad = checkHubSignature(req, route, services, header(req, 'x-hub-signature'), {
      accepted: ['sha256'],
      header: 'X-Hub-Signature',
      host: 'Bitbucket Server',
    });
    if (bad) return bad;
    const parsed = parseJsonBody(req.rawBody, 'the Bitbucket Server payload');
    if (!parsed.ok) return parsed.rejected;
    const draft = (body: unknown): EventDraft => ({ data: gitEventData(req, route, body) });
    if (header(req, 'x-event-key') !== 'repo:refs_changed')
      return { kind: 'events', events: [draft(parsed.value)] };

    if (!isObject(parsed.value)) return badBody('a repo:refs_changed payload must be a JSON object');
    let event = parsed.value as RefsChanged;
    if (route.config.skipBranchRefsChangedOnOpenPR === true) {
      const token = routeSecret(route, 'accessToken', services);
      if (!token.ok) return token.rejected;
      const api = bitbucketServerApi(route.config, token.value, services.fetch ?? fetch);
      try {
        event = await withoutOpenPullRequestChanges(api, event);
      } catch (e) {
        return reject(
          'EVT_ERR_INGRESS_UPSTREAM_UNAVAILABLE',
          `could not ask Bitbucket Server for open pull requests: ${(e as Error).message}`,
        );
      }
      if ((event.changes ?? []).length === 0) {
        return {
          kind: 'reply',
          status: 200,
          body: { status: 'skipped', reason: 'every changed branch has an open pull request' },
        };
      }
    }
    const bodies = route.config.oneEventPerChange === true ? splitPerChange(event) : [event];
    return { kind: 'events', events: bodies.map(draft) };
  },
});
