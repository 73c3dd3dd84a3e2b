// Validation of a `gitlab` event (Argo's GitlabEventSource): events, gitlabBaseURL and
// accessToken are required, as in Argo; event names are checked against GitLab's hook events
// when Eventide manages the hooks.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { checkHookUrl, checkSecretSelector, optionalSecret } from '../push-common/webhook-context-rules.js';
import { httpUrlAt, stringListAt } from '../git-hosts/git-host-rules.js';
import { GITLAB_HOOK_EVENTS } from './gitlab-events.js';

export function checkGitlabEvent(p: Problems, cfg: Obj, path: PathSegment[], ctx: Obj | undefined): void {
  const events = stringListAt(p, cfg.events, [...path, 'events'], true);
  httpUrlAt(p, cfg.gitlabBaseURL, [...path, 'gitlabBaseURL'], true);
  checkSecretSelector(p, cfg.accessToken, [...path, 'accessToken'], true);
  optionalSecret(p, cfg.secretToken, [...path, 'secretToken']);
  stringAt(p, cfg.projectID, [...path, 'projectID'], false);
  stringListAt(p, cfg.projects, [...path, 'projects'], false);
  stringListAt(p, cfg.groups, [...path, 'groups'], false);
  for (const flag of ['enableSSLVerification', 'deleteHookOnFinish']) boolAt(p, cfg[flag], [...path, flag]);
  const managesHooks = typeof ctx?.url === 'string' && ctx.url !== '';
  if (!managesHooks) return;
  checkHookUrl(p, ctx, path, 'GitLab sends events there');
  events?.forEach((e, i) => {
    if (!(GITLAB_HOOK_EVENTS as readonly string[]).includes(e)) {
      p.add(
        [...path, 'events', i],
        `unknown GitLab hook event ${JSON.stringify(e)}; one of ${GITLAB_HOOK_EVENTS.join(', ')}`,
      );
    }
  });
}
