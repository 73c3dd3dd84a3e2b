// Gerrit webhook management through the webhooks plugin's REST API: on every listed project,
// the remote named hookName is (re)written unless it already points at webhook.url with the same
// settings; it is deleted on EventSource delete when deleteHookOnFinish. Authenticates with
// auth (HTTP basic; Gerrit serves authenticated calls under /a/).
import type { SecretStore } from '../../secrets/secret-store.js';
import type { SecretKeySelector } from '../../manifest/types.js';
import { basicAuth, hostJson, joinUrl, type FetchFn } from '../git-hosts/host-api.js';
import {
  forEachTarget,
  hasHookUrl,
  hookUrl,
  sameSet,
  type HookManager,
  type HookOutcome,
} from '../git-hosts/hook-manager.js';

interface RemoteConfig {
  url?: string;
  events?: string[];
  maxTries?: number;
  sslVerify?: boolean;
}

interface GerritAuth {
  username?: SecretKeySelector;
  password?: SecretKeySelector;
}

function managesGerritHooks(cfg: Record<string, unknown>): boolean {
  return Boolean(cfg.auth) && hasHookUrl(cfg);
}

function remotesPath(cfg: Record<string, unknown>, project: string): string {
  return joinUrl(
    String(cfg.gerritBaseURL ?? ''),
    `a/config/server/webhooks~projects/${encodeURIComponent(project)}/remotes/`,
  );
}

function apiHeaders(cfg: Record<string, unknown>, secrets: SecretStore): Record<string, string> {
  const auth = cfg.auth as GerritAuth;
  return {
    authorization: basicAuth(secrets.get(auth.username!), secrets.get(auth.password!)),
    accept: 'application/json',
    'user-agent': 'eventide',
  };
}

/** Argo's ProjectHookConfigs: empty fields are left out. */
function desiredRemote(cfg: Record<string, unknown>): RemoteConfig {
  const want: RemoteConfig = { url: hookUrl(cfg), events: (cfg.events ?? []) as string[] };
  if (typeof cfg.maxTries === 'number' && cfg.maxTries > 0) want.maxTries = cfg.maxTries;
  if (cfg.sslVerify === true) want.sslVerify = true;
  return want;
}

function upToDate(have: RemoteConfig, want: RemoteConfig): boolean {
  return (
    have.url === want.url &&
    sameSet(have.events ?? [], want.events ?? []) &&
    (have.maxTries ?? 0) === (want.maxTries ?? 0) &&
    (have.sslVerify ?? false) === (want.sslVerify ?? false)
  );
}

async function listRemotes(
  fetchFn: FetchFn,
  base: string,
  headers: Record<string, string>,
): Promise<Record<string, RemoteConfig>> {
  return ((await hostJson(fetchFn, 'GET', base, headers)).body ?? {}) as Record<string, RemoteConfig>;
}

const projectsOf = (cfg: Record<string, unknown>) => (cfg.projects ?? []) as string[];
const label = (project: string) => `project ${project}`;

export async function ensureGerritHooks(
  cfg: Record<string, unknown>,
  secrets: SecretStore,
  fetchFn: FetchFn,
): Promise<HookOutcome[]> {
  if (!managesGerritHooks(cfg)) return [];
  const name = String(cfg.hookName ?? '');
  const want = desiredRemote(cfg);
  return forEachTarget(
    projectsOf(cfg),
    label,
    () => apiHeaders(cfg, secrets),
    async (project, headers) => {
      const base = remotesPath(cfg, project);
      const existing = (await listRemotes(fetchFn, base, headers))[name];
      if (existing && upToDate(existing, want)) return { action: 'unchanged', hookId: name };
      await hostJson(fetchFn, 'PUT', `${base}${encodeURIComponent(name)}/`, headers, want);
      return { action: existing ? 'updated' : 'created', hookId: name };
    },
  );
}

export async function removeGerritHooks(
  cfg: Record<string, unknown>,
  secrets: SecretStore,
  fetchFn: FetchFn,
): Promise<HookOutcome[]> {
  if (!managesGerritHooks(cfg) || cfg.deleteHookOnFinish !== true) return [];
  const name = String(cfg.hookName ?? '');
  return forEachTarget(
    projectsOf(cfg),
    label,
    () => apiHeaders(cfg, secrets),
    async (project, headers) => {
      const base = remotesPath(cfg, project);
      // A remote of that name that points elsewhere is not ours to delete.
      if ((await listRemotes(fetchFn, base, headers))[name]?.url !== hookUrl(cfg))
        return { action: 'absent' };
      await hostJson(fetchFn, 'DELETE', `${base}${encodeURIComponent(name)}/`, headers);
      return { action: 'deleted', hookId: name };
    },
  );
}

export const gerritHookManager: HookManager = {
  type: 'gerrit',
  manages: managesGerritHooks,
  ensure: (cfg, ctx) => ensureGerritHooks(cfg, ctx.secrets, ctx.fetch),
  remove: (cfg, ctx) => removeGerritHooks(cfg, ctx.secrets, ctx.fetch),
};
