// Gerrit webhook management through the webhooks plugin's REST API: on every listed project,
// the remote named hookName is (re)written unless it already points at webhook.url with the same
// settings; it is deleted on EventSource delete when deleteHookOnFinish. Authenticates with
// auth (HTTP basic; Gerrit serves authenticated calls under /a/).
import type { SecretStore } from '../../secrets/secret-store.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import { basicAuth, hostJson, joinUrl } from '../git-hosts/host-api.js';
import {
  forEachTarget,
  hasHookUrl,
  hookUrl,
  sameSet,
  type HookCallContext,
  type HookManager,
  type HookOutcome,
} from '../hook-management/hook-manager.js';

interface RemoteConfig {
  url?: string;
  events?: string[];
  maxTries?: number;
  sslVerify?: boolean;
}

/** A project's remotes by name. */
type Remotes = Record<string, RemoteConfig>;

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

/**
 * On every listed project: `step` with the project's current remote named hookName (if any), the
 * URL of that remote and the API headers.
 */
function forEachProject(
  cfg: Record<string, unknown>,
  { secrets, fetch: fetchFn }: HookCallContext,
  step: (
    existing: RemoteConfig | undefined,
    remoteUrl: string,
    headers: Record<string, string>,
  ) => Promise<Omit<HookOutcome, 'target'>>,
): Promise<HookOutcome[]> {
  const name = String(cfg.hookName ?? '');
  return forEachTarget(
    (cfg.projects ?? []) as string[],
    (project) => `project ${project}`,
    () => apiHeaders(cfg, secrets),
    async (project, headers) => {
      const remotes = remotesPath(cfg, project);
      const listed = ((await hostJson(fetchFn, 'GET', remotes, headers)).body ?? {}) as Remotes;
      return step(listed[name], `${remotes}${encodeURIComponent(name)}/`, headers);
    },
  );
}

export const gerritHookManager: HookManager = {
  type: 'gerrit',
  manages: managesGerritHooks,
  async ensure(cfg, ctx) {
    if (!managesGerritHooks(cfg)) return [];
    const want = desiredRemote(cfg);
    const hookId = String(cfg.hookName ?? '');
    return forEachProject(cfg, ctx, async (existing, remoteUrl, headers) => {
      if (existing && upToDate(existing, want)) return { action: 'unchanged', hookId };
      await hostJson(ctx.fetch, 'PUT', remoteUrl, headers, want);
      return { action: existing ? 'updated' : 'created', hookId };
    });
  },
  async remove(cfg, ctx) {
    if (!managesGerritHooks(cfg) || cfg.deleteHookOnFinish !== true) return [];
    const hookId = String(cfg.hookName ?? '');
    return forEachProject(cfg, ctx, async (existing, remoteUrl, headers) => {
      // A remote of that name that points elsewhere is not ours to delete.
      if (existing?.url !== hookUrl(cfg)) return { action: 'absent' };
      await hostJson(ctx.fetch, 'DELETE', remoteUrl, headers);
      return { action: 'deleted', hookId };
    });
  },
};
