// Validation of a `bitbucket` (Cloud) event (Argo's BitbucketEventSource): at least one
// repository, auth (basic or oauthToken, which Argo dereferences unconditionally), events when
// Eventide manages the webhooks.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { checkHookUrl, checkSecretSelector, optionalSecret } from '../push-common/webhook-context-rules.js';
import { stringListAt } from '../git-hosts/git-host-rules.js';
import { checkRepositories } from '../git-hosts/bitbucket-repositories.js';

/** `auth`: basic {username, password} or oauthToken; true when usable. */
function checkAuth(p: Problems, v: unknown, path: PathSegment[]): boolean {
  const auth = objectAt(p, v, path, true);
  if (!auth) return false;
  const basic = objectAt(p, auth.basic, [...path, 'basic'], false);
  if (basic) {
    checkSecretSelector(p, basic.username, [...path, 'basic', 'username'], true);
    checkSecretSelector(p, basic.password, [...path, 'basic', 'password'], true);
  }
  const oauth = optionalSecret(p, auth.oauthToken, [...path, 'oauthToken']);
  if (!basic && !oauth) {
    p.add(path, 'set basic (username and password) or oauthToken');
    return false;
  }
  return true;
}

export function checkBitbucketEvent(p: Problems, cfg: Obj, path: PathSegment[], ctx: Obj | undefined): void {
  stringAt(p, cfg.projectKey, [...path, 'projectKey'], false);
  if (checkRepositories(p, cfg, path, 'owner') === 0) {
    p.add(path, 'set repositories (or owner and repositorySlug): at least one repository is required');
  }
  const events = stringListAt(p, cfg.events, [...path, 'events'], false);
  const auth = checkAuth(p, cfg.auth, [...path, 'auth']);
  boolAt(p, cfg.deleteHookOnFinish, [...path, 'deleteHookOnFinish']);
  if (!auth || typeof ctx?.url !== 'string' || ctx.url === '') return;
  checkHookUrl(p, ctx, path, 'Bitbucket sends events there');
  if (!events || events.length === 0) {
    p.add([...path, 'events'], 'required to create the Bitbucket webhooks, e.g. [repo:push]');
  }
}
