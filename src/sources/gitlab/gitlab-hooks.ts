// GitLab hook management through the REST API (v4), for projects and groups: create the hook
// where none points at webhook.url, update one that differs, and delete on EventSource delete
// when deleteHookOnFinish. Authenticates with accessToken (PRIVATE-TOKEN).
import type { SecretStore } from '../../secrets/secret-store.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import { getAllPages, type FetchFn } from '../git-hosts/host-api.js';
import { hookUrl, urlHookManager, type HookCallContext } from '../hook-management/hook-manager.js';
import { collectionHookApi, type HookCollection } from '../git-hosts/hook-collection.js';
import { stringList } from '../config-values.js';
import { GITLAB_HOOK_EVENTS, gitlabApiField } from './gitlab-events.js';

interface GitlabHook {
  id: number;
  url?: string;
  [field: string]: unknown;
}

/** go-gitlab's base URL rule: the API lives under /api/v4 unless the URL already says so. */
function apiBase(cfg: Record<string, unknown>): string {
  const base = String(cfg.gitlabBaseURL ?? '').replace(/\/+$/, '');
  return base.endsWith('/api/v4') ? base : `${base}/api/v4`;
}

function targetsOf(cfg: Record<string, unknown>): HookCollection[] {
  const groups = stringList(cfg.groups) ?? [];
  let projects = stringList(cfg.projects) ?? [];
  if (projects.length === 0 && typeof cfg.projectID === 'string' && cfg.projectID !== '') {
    projects = [cfg.projectID];
  }
  return [
    ...groups.map((g) => ({ label: `group ${g}`, hooksPath: `groups/${encodeURIComponent(g)}/hooks` })),
    ...projects.map((p) => ({ label: `project ${p}`, hooksPath: `projects/${encodeURIComponent(p)}/hooks` })),
  ];
}

/** Every known event flag set explicitly (Argo turns off the ones not listed). */
function desiredHook(cfg: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
  const wanted = new Set(stringList(cfg.events));
  const hook: Record<string, unknown> = {
    url: hookUrl(cfg),
    enable_ssl_verification: cfg.enableSSLVerification === true,
  };
  for (const e of GITLAB_HOOK_EVENTS) hook[gitlabApiField(e)] = wanted.has(e);
  if (token !== undefined) hook.token = token;
  return hook;
}

function upToDate(h: GitlabHook, want: Record<string, unknown>): boolean {
  // GitLab never shows a stored token, so with a secretToken the hook is always rewritten.
  if ('token' in want) return false;
  return Object.entries(want).every(([k, v]) => (h[k] ?? false) === v);
}

function listHooks(fetchFn: FetchFn, url: string, headers: Record<string, string>): Promise<GitlabHook[]> {
  const pageUrl = (page: string) => `${url}?per_page=100&page=${page}`;
  return getAllPages(fetchFn, pageUrl('1'), headers, (res) => {
    const next = res.headers.get('x-next-page');
    return { items: (res.body ?? []) as GitlabHook[], next: next ? pageUrl(next) : undefined };
  });
}

function apiHeaders(cfg: Record<string, unknown>, secrets: SecretStore): Record<string, string> {
  return { 'private-token': secrets.get(cfg.accessToken as SecretKeySelector), 'user-agent': 'eventide' };
}

function gitlabHooks(cfg: Record<string, unknown>, { secrets, fetch: fetchFn }: HookCallContext) {
  return collectionHookApi<Record<string, unknown>, GitlabHook>({
    base: apiBase(cfg),
    fetch: fetchFn,
    targets: targetsOf(cfg),
    prepare: () => ({
      headers: apiHeaders(cfg, secrets),
      want: desiredHook(cfg, cfg.secretToken ? secrets.get(cfg.secretToken as SecretKeySelector) : undefined),
    }),
    list: (url, headers) => listHooks(fetchFn, url, headers),
    urlOf: (h) => h.url,
    upToDate,
    update: { method: 'PUT' },
  });
}

export const gitlabHookManager = urlHookManager('gitlab', (cfg) => Boolean(cfg.accessToken), gitlabHooks);
