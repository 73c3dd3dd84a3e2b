// Validation of a `gerrit` event (Argo's GerritEventSource): projects, events, gerritBaseURL and
// auth are required, as in Argo; hookName names the remote Eventide registers.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, numberAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { checkHookUrl, checkSecretSelector } from '../push-common/webhook-context-rules.js';
import { httpUrlAt, stringListAt } from '../git-hosts/git-host-rules.js';

export function checkGerritEvent(p: Problems, cfg: Obj, path: PathSegment[], ctx: Obj | undefined): void {
  const projects = stringListAt(p, cfg.projects, [...path, 'projects'], true);
  if (projects && projects.length === 0) p.add([...path, 'projects'], 'must name at least one project');
  stringListAt(p, cfg.events, [...path, 'events'], true);
  httpUrlAt(p, cfg.gerritBaseURL, [...path, 'gerritBaseURL'], true);
  const auth = objectAt(p, cfg.auth, [...path, 'auth'], true);
  if (auth) {
    checkSecretSelector(p, auth.username, [...path, 'auth', 'username'], true);
    checkSecretSelector(p, auth.password, [...path, 'auth', 'password'], true);
  }
  const hookName = stringAt(p, cfg.hookName, [...path, 'hookName'], false);
  for (const flag of ['sslVerify', 'deleteHookOnFinish']) boolAt(p, cfg[flag], [...path, flag]);
  numberAt(p, cfg.maxTries, [...path, 'maxTries'], { integer: true, min: 0 });
  if (typeof ctx?.url !== 'string' || ctx.url === '') return;
  checkHookUrl(p, ctx, path, 'Gerrit sends events there');
  if (hookName === undefined)
    p.add([...path, 'hookName'], 'required to register the Gerrit webhook (its remote name)');
}
