// Argo's `gitlab` EventSource: GitLab webhook deliveries, authenticated by X-Gitlab-Token
// (equal to secretToken when one is set). The event is {headers, body, metadata}, with the token
// masked in the headers (Argo passes it on). GitLab's Idempotency-Key (the same on every retry of
// one delivery) makes the event id.
import { webhookBackedSource } from '../push-common/webhook-backed-source.js';
import { unauthorized } from '../push-common/replies.js';
import { optionalRouteSecret } from '../push-common/route-secrets.js';
import { constantTimeEqual } from '../push-common/constant-time.js';
import { header } from '../push-common/request-headers.js';
import { parseJsonBody } from '../push-common/json-body.js';
import { eventDraft } from '../push-common/event-drafts.js';
import { gitEventData } from '../git-hosts/git-event-data.js';
import { checkGitlabEvent } from './gitlab-rules.js';

const TOKEN_HEADER = 'x-gitlab-token';

export const gitlabSource = webhookBackedSource({
  type: 'gitlab',
  context: 'nested',
  expressionFilter: true,
  validate: checkGitlabEvent,
  async handle(req, route, services) {
    const token = optionalRouteSecret(route, 'secretToken', services);
    if (!token.ok) return token.rejected;
    if (token.value !== undefined && !constantTimeEqual(header(req, TOKEN_HEADER), token.value)) {
      return unauthorized('X-Gitlab-Token is missing or does not match the secretToken');
    }
    const body = parseJsonBody(req.rawBody, 'the GitLab payload');
    if (!body.ok) return body.rejected;
    const data = gitEventData(req, route, body.value, [TOKEN_HEADER]);
    return { kind: 'events', events: [eventDraft(route, data, header(req, 'idempotency-key'))] };
  },
});
