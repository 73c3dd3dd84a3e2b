// Argo's `gitlab` EventSource: GitLab webhook deliveries, authenticated by X-Gitlab-Token
// (equal to secretToken when one is set). The event is {headers, body, metadata}, with the token
// masked in the headers (Argo passes it on). GitLab's Idempotency-Key (the same on every retry of
// one delivery) is the event id.
import type { PushSourceType } from './source-type.js';
import {
  admit,
  gitEventData,
  gitHostRoutes,
  header,
  parseJsonBody,
  reject,
} from './git-hosts/git-event-data.js';
import { constantTimeEqual } from './webhook-source.js';
import { checkGitlabEvent } from './gitlab/gitlab-rules.js';

export const gitlabSource: PushSourceType = {
  type: 'gitlab',
  validate: checkGitlabEvent,
  routes: gitHostRoutes('gitlab', { expressionFilter: true }),
  async handle(req, route, services) {
    const admitted = admit(req, route, services, 'secretToken');
    if (admitted.denied) return admitted.denied;
    if (admitted.secret !== undefined && !constantTimeEqual(header(req, 'x-gitlab-token'), admitted.secret)) {
      return reject(
        401,
        'EVT_ERR_INGRESS_UNAUTHORIZED',
        'X-Gitlab-Token is missing or does not match the secretToken',
      );
    }
    const body = parseJsonBody(req.rawBody, 'the GitLab payload');
    if (!body.ok) return body.reject;
    const key = header(req, 'idempotency-key');
    return {
      kind: 'events',
      events: [
        { data: gitEventData(req, route, body.value, ['x-gitlab-token']), ...(key ? { id: key } : {}) },
      ],
    };
  },
};
