// GitLab hook management through the REST API (v4), for projects and groups: create the hook
// where none points at webhook.url, update one that differs, and delete on EventSource delete
// when deleteHookOnFinish. Authenticates with accessToken (PRIVATE-TOKEN).
import type { SecretStore } from '../../secrets/secret-store.js';
import type { SecretKeySelector } from '../../manifest/types.js';
import { hostJson, joinUrl, type FetchFn } from '../git-hosts/host-api.js';
import {
  hasHookUrl,
  hookUrl,
  urlHookManager,
  type HookCallContext,
  type HookManager,
  type UrlHookApi,
} from '../git-hosts/hook-manager.js';
import { GITLAB_HOOK_EVENTS, gitlabApiField } from './gitlab-events.js';

interface GitlabHook {
  id: number;
  url?: string;
  [field: string]: unknown;
}

interface HookTarget {
  label: string;
  hooksPath: string;
}

/** go-gitlab's base URL rule: the API lives under /api/v4 unless the URL already says so. */
function apiBase(cfg: Record<string, unknown>): string {
  const base = String(cfg.gitlabBaseURL ?? '').replace(/\/+$/, '');
  return base.endsWith('/api/v4') ? base : `${base}/api/v4`;
}

function targetsOf(cfg: Record<string, unknown>): HookTarget[] {
  const groups = (cfg.groups ?? []) as string[];
  let projects = (cfg.projects ?? []) as string[];
  if (projects.length === 0 && typeof cfg.projectID === 'string' && cfg.projectID !== '') {
    projects = [cfg.projectID];
  }
  return [
    ...groups.map((g) => ({ label: `group ${g}`, hooksPath: `groups/${encodeURIComponent(g)}/hooks` })),
    ...projects.map((p) => ({ label: `project ${p}`, hooksPath: `projects/${encodeURIComponent(p)}/hooks` })),
  ];
}

function managesGitlabHooks(cfg: Record<string, unknown>): boolean {
  return Boolean(cfg.accessToken) && hasHookUrl(cfg);
}

/** Every known event flag set explicitly (Argo turns off the ones not listed). */
function desiredHook(cfg: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
  const wanted = new Set((cfg.events ?? []) as string[]);
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

async function listHooks(
  fetchFn: FetchFn,
  base: string,
  target: HookTarget,
  headers: Record<string, string>,
): Promise<GitlabHook[]> {
  const hooks: GitlabHook[] = [];
  let page: string | null = '1';
  while (page) {
    const res = await hostJson(
      fetchFn,
      'GET',
      `${joinUrl(base, target.hooksPath)}?per_page=100&page=${page}`,
      headers,
    );
    hooks.push(...((res.body ?? []) as GitlabHook[]));
    page = res.headers.get('x-next-page') || null;
  }
  return hooks;
}

function apiHeaders(cfg: Record<string, unknown>, secrets: SecretStore): Record<string, string> {
  return { 'private-token': secrets.get(cfg.accessToken as SecretKeySelector), 'user-agent': 'eventide' };
}

interface Prepared {
  headers: Record<string, string>;
  want: Record<string, unknown>;
}

function gitlabHooks(
  cfg: Record<string, unknown>,
  { secrets, fetch: fetchFn }: HookCallContext,
): UrlHookApi<HookTarget, Prepared, GitlabHook> {
  const base = apiBase(cfg);
  const hookPath = (t: HookTarget, h: GitlabHook) => joinUrl(base, `${t.hooksPath}/${h.id}`);
  return {
    targets: targetsOf(cfg),
    label: (t) => t.label,
    prepare: () => ({
      headers: apiHeaders(cfg, secrets),
      want: desiredHook(cfg, cfg.secretToken ? secrets.get(cfg.secretToken as SecretKeySelector) : undefined),
    }),
    list: (t, { headers }) => listHooks(fetchFn, base, t, headers),
    urlOf: (h) => h.url,
    idOf: (h) => h.id,
    create: async (t, { headers, want }) =>
      ((await hostJson(fetchFn, 'POST', joinUrl(base, t.hooksPath), headers, want)).body as GitlabHook).id,
    upToDate: (h, { want }) => upToDate(h, want),
    update: (t, h, { headers, want }) => hostJson(fetchFn, 'PUT', hookPath(t, h), headers, want),
    remove: (t, h, { headers }) => hostJson(fetchFn, 'DELETE', hookPath(t, h), headers),
  };
}

export const gitlabHookManager: HookManager = urlHookManager('gitlab', managesGitlabHooks, gitlabHooks);
