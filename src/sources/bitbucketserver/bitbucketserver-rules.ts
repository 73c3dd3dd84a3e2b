// Validation of a `bitbucketserver` event (Argo's BitbucketServerEventSource): the base URL is
// required, events are required when Eventide manages the webhooks, checkInterval is a Go
// duration; skipping refs changed on open pull requests needs an accessToken to ask the server.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { parseGoDuration } from '../../lang/duration/index.js';
import { checkHookUrl, optionalSecret } from '../push-common/webhook-context-rules.js';
import { checkTlsConfig, httpUrlAt, stringListAt } from '../git-hosts/git-host-rules.js';
import { checkRepositories } from '../git-hosts/bitbucket-repositories.js';

export function checkBitbucketServerEvent(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
  ctx: Obj | undefined,
): void {
  httpUrlAt(p, cfg.bitbucketserverBaseURL, [...path, 'bitbucketserverBaseURL'], true);
  const repos = checkRepositories(p, cfg, path, 'projectKey');
  const projects = stringListAt(p, cfg.projects, [...path, 'projects'], false) ?? [];
  const events = stringListAt(p, cfg.events, [...path, 'events'], false);
  const token = optionalSecret(p, cfg.accessToken, [...path, 'accessToken']);
  optionalSecret(p, cfg.webhookSecret, [...path, 'webhookSecret']);
  const flags = ['skipBranchRefsChangedOnOpenPR', 'oneEventPerChange', 'deleteHookOnFinish'];
  for (const flag of flags) boolAt(p, cfg[flag], [...path, flag]);
  if (cfg.skipBranchRefsChangedOnOpenPR === true && !token) {
    p.add(
      [...path, 'accessToken'],
      'required by skipBranchRefsChangedOnOpenPR (Eventide asks Bitbucket Server for open pull requests)',
    );
  }
  const interval = stringAt(p, cfg.checkInterval, [...path, 'checkInterval'], false);
  if (interval !== undefined) {
    try {
      parseGoDuration(interval);
    } catch (e) {
      p.add([...path, 'checkInterval'], (e as Error).message);
    }
  }
  checkTlsConfig(p, cfg.tls, [...path, 'tls']);
  const managesHooks = token && typeof ctx?.url === 'string' && ctx.url !== '' && repos + projects.length > 0;
  if (!managesHooks) return;
  checkHookUrl(p, ctx, path, 'Bitbucket Server sends events there');
  if (!events || events.length === 0) {
    p.add([...path, 'events'], 'required to create the Bitbucket Server webhook, e.g. [repo:refs_changed]');
  }
}
