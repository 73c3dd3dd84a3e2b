// Bitbucket Cloud webhook management through API 2.0: on every listed repository, create the
// webhook pointing at webhook.url or update the one that differs (Argo deletes and recreates it);
// delete it on EventSource delete when deleteHookOnFinish. Authenticates with auth.basic or
// auth.oauthToken.
import type { SecretStore } from '../../secrets/secret-store.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import { basicAuth, getAllPages, hostJson, type FetchFn } from '../git-hosts/host-api.js';
import {
  hookUrl,
  sameSet,
  urlHookManager,
  type HookCallContext,
  type UrlHookApi,
} from '../hook-management/hook-manager.js';
import { listedRepositories, type BitbucketRepo } from '../git-hosts/bitbucket-repositories.js';

const API = 'https://api.bitbucket.org/2.0';

interface CloudHook {
  uuid: string;
  url?: string;
  active?: boolean;
  events?: string[];
}

interface BitbucketAuth {
  basic?: { username?: SecretKeySelector; password?: SecretKeySelector };
  oauthToken?: SecretKeySelector;
}

function authOf(cfg: Record<string, unknown>): BitbucketAuth {
  return (cfg.auth ?? {}) as BitbucketAuth;
}

function hasCredentials(cfg: Record<string, unknown>): boolean {
  const auth = authOf(cfg);
  return Boolean(auth.basic?.username && auth.basic.password) || Boolean(auth.oauthToken);
}

function apiHeaders(cfg: Record<string, unknown>, secrets: SecretStore): Record<string, string> {
  const auth = authOf(cfg);
  const authorization =
    auth.basic?.username && auth.basic.password
      ? basicAuth(secrets.get(auth.basic.username), secrets.get(auth.basic.password))
      : `Bearer ${secrets.get(auth.oauthToken!)}`;
  return { authorization, accept: 'application/json', 'user-agent': 'eventide' };
}

const hooksUrl = (r: BitbucketRepo) =>
  `${API}/repositories/${encodeURIComponent(r.owner)}/${encodeURIComponent(r.slug)}/hooks`;
const hookAt = (r: BitbucketRepo, h: CloudHook) => `${hooksUrl(r)}/${encodeURIComponent(h.uuid)}`;

function listHooks(
  fetchFn: FetchFn,
  repo: BitbucketRepo,
  headers: Record<string, string>,
): Promise<CloudHook[]> {
  return getAllPages(fetchFn, `${hooksUrl(repo)}?pagelen=100`, headers, (res) => {
    const page = (res.body ?? {}) as { values?: CloudHook[]; next?: string };
    return { items: page.values ?? [], next: page.next };
  });
}

function cloudHooks(
  cfg: Record<string, unknown>,
  { secrets, fetch: fetchFn }: HookCallContext,
): UrlHookApi<BitbucketRepo, Record<string, string>, CloudHook> {
  const events = (cfg.events ?? []) as string[];
  const want = { description: 'webhook managed by Argo-Events', url: hookUrl(cfg), active: true, events };
  return {
    targets: listedRepositories(cfg, 'owner'),
    label: (r) => `repository ${r.owner}/${r.slug}`,
    prepare: () => apiHeaders(cfg, secrets),
    list: (r, headers) => listHooks(fetchFn, r, headers),
    urlOf: (h) => h.url,
    idOf: (h) => h.uuid,
    create: async (r, headers) =>
      ((await hostJson(fetchFn, 'POST', hooksUrl(r), headers, want)).body as CloudHook).uuid,
    upToDate: (h) => h.active === true && sameSet(h.events ?? [], events),
    update: (r, h, headers) => hostJson(fetchFn, 'PUT', hookAt(r, h), headers, want),
    remove: (r, h, headers) => hostJson(fetchFn, 'DELETE', hookAt(r, h), headers),
  };
}

export const bitbucketHookManager = urlHookManager('bitbucket', hasCredentials, cloudHooks);
