// Validation of a `github` event (Argo's GithubEventSource), with Argo's rules: repositories
// (or the deprecated owner + repository) or organizations, not both; events when Eventide manages
// the hooks; contentType json or form; githubBaseURL and githubUploadURL together.
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import {
  boolAt,
  listAt,
  numberAt,
  objectAt,
  oneOf,
  stringAt,
  type Obj,
} from '../../vocabulary/shape-checks.js';
import { checkHookUrl, checkSecretSelector, optionalSecret } from '../push-common/webhook-context-rules.js';
import { httpUrlAt, stringListAt } from '../git-hosts/git-host-rules.js';

function hasRepositories(cfg: Obj): boolean {
  const repos = cfg.repositories;
  if (Array.isArray(repos) && repos.length > 0) return true;
  return (
    typeof cfg.owner === 'string' &&
    cfg.owner !== '' &&
    typeof cfg.repository === 'string' &&
    cfg.repository !== ''
  );
}

function hasOrganizations(cfg: Obj): boolean {
  return Array.isArray(cfg.organizations) && cfg.organizations.length > 0;
}

function checkRepositories(p: Problems, v: unknown, path: PathSegment[]): void {
  const list = listAt(p, v, path, false);
  list?.forEach((raw, i) => {
    const r = objectAt(p, raw, [...path, i], true);
    if (!r) return;
    stringAt(p, r.owner, [...path, i, 'owner'], true);
    const names = stringListAt(p, r.names, [...path, i, 'names'], true);
    if (names && names.length === 0) p.add([...path, i, 'names'], 'must name at least one repository');
  });
}

function checkGithubApp(p: Problems, v: unknown, path: PathSegment[]): boolean {
  const app = objectAt(p, v, path, false);
  if (!app) return false;
  checkSecretSelector(p, app.privateKey, [...path, 'privateKey'], true);
  numberAt(p, app.appID, [...path, 'appID'], { required: true, integer: true, min: 1 });
  numberAt(p, app.installationID, [...path, 'installationID'], { required: true, integer: true, min: 1 });
  return true;
}

export function checkGithubEvent(p: Problems, cfg: Obj, path: PathSegment[], ctx: Obj | undefined): void {
  checkRepositories(p, cfg.repositories, [...path, 'repositories']);
  stringAt(p, cfg.owner, [...path, 'owner'], false);
  stringAt(p, cfg.repository, [...path, 'repository'], false);
  stringListAt(p, cfg.organizations, [...path, 'organizations'], false);
  if (!hasRepositories(cfg) && !hasOrganizations(cfg)) {
    p.add(path, 'set repositories (or owner and repository) or organizations');
  } else if (hasRepositories(cfg) && hasOrganizations(cfg)) {
    p.add(path, 'set repositories or organizations, not both');
  }
  const events = stringListAt(p, cfg.events, [...path, 'events'], false);
  const token = optionalSecret(p, cfg.apiToken, [...path, 'apiToken']);
  const app = checkGithubApp(p, cfg.githubApp, [...path, 'githubApp']);
  const managesHooks = (token || app) && typeof ctx?.url === 'string' && ctx.url !== '';
  if (managesHooks && (!events || events.length === 0)) {
    p.add([...path, 'events'], 'required to create the GitHub webhook: list event names, or "*" for all');
  }
  if (managesHooks) checkHookUrl(p, ctx, path, 'GitHub sends events there');
  optionalSecret(p, cfg.webhookSecret, [...path, 'webhookSecret']);
  for (const flag of ['insecure', 'active', 'deleteHookOnFinish']) boolAt(p, cfg[flag], [...path, flag]);
  oneOf(p, cfg.contentType === '' ? undefined : cfg.contentType, [...path, 'contentType'], ['json', 'form']);
  const base = httpUrlAt(p, cfg.githubBaseURL, [...path, 'githubBaseURL'], false);
  const upload = httpUrlAt(p, cfg.githubUploadURL, [...path, 'githubUploadURL'], false);
  // Argo's guard against sending an Enterprise token to public GitHub by accident.
  if (base !== undefined && (cfg.githubUploadURL === undefined || cfg.githubUploadURL === '')) {
    p.add([...path, 'githubUploadURL'], 'required when githubBaseURL is set');
  }
  if (upload !== undefined && (cfg.githubBaseURL === undefined || cfg.githubBaseURL === '')) {
    p.add([...path, 'githubBaseURL'], 'required when githubUploadURL is set');
  }
  numberAt(p, cfg.id, [...path, 'id'], { integer: true });
}
