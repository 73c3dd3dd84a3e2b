// GitHub hook management through the REST API (repository and organization hooks): what Argo's
// github source does when it starts (create the hook unless one exists) and stops (delete it when
// deleteHookOnFinish), as calls the EventSource workflow can make on apply and delete.
// Authenticates with apiToken, else with the GitHub App (githubApp).
import type { SecretStore } from '../../secrets/secret-store.js';
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import { getAllPages, type FetchFn } from '../git-hosts/host-api.js';
import { hookUrl, sameSet, urlHookManager, type HookCallContext } from '../hook-management/hook-manager.js';
import { collectionHookApi, type HookCollection } from '../git-hosts/hook-collection.js';
import { githubInstallationToken } from './github-app-auth.js';

const PUBLIC_API = 'https://api.github.com/';

interface GithubHook {
  id: number;
  active?: boolean;
  events?: string[];
  config?: { url?: string; content_type?: string; insecure_ssl?: string; secret?: string };
}

interface GithubAppCfg {
  privateKey?: SecretKeySelector;
  appID?: number | string;
  installationID?: number | string;
}

function apiBase(cfg: Record<string, unknown>): string {
  return typeof cfg.githubBaseURL === 'string' && cfg.githubBaseURL !== '' ? cfg.githubBaseURL : PUBLIC_API;
}

function targetsOf(cfg: Record<string, unknown>): HookCollection[] {
  const targets: HookCollection[] = [];
  for (const org of (cfg.organizations ?? []) as string[]) {
    targets.push({ label: `organization ${org}`, hooksPath: `orgs/${encodeURIComponent(org)}/hooks` });
  }
  let repos = (cfg.repositories ?? []) as { owner: string; names: string[] }[];
  if (repos.length === 0 && typeof cfg.owner === 'string' && typeof cfg.repository === 'string') {
    repos = [{ owner: cfg.owner, names: [cfg.repository] }];
  }
  for (const r of repos) {
    for (const name of r.names) {
      targets.push({
        label: `repository ${r.owner}/${name}`,
        hooksPath: `repos/${encodeURIComponent(r.owner)}/${encodeURIComponent(name)}/hooks`,
      });
    }
  }
  return targets;
}

function usesApp(cfg: Record<string, unknown>): boolean {
  return Boolean((cfg.githubApp as GithubAppCfg | undefined)?.privateKey);
}

async function apiHeaders(
  cfg: Record<string, unknown>,
  secrets: SecretStore,
  fetchFn: FetchFn,
): Promise<Record<string, string>> {
  let token: string;
  if (cfg.apiToken) token = secrets.get(cfg.apiToken as SecretKeySelector);
  else {
    const app = cfg.githubApp as GithubAppCfg;
    token = await githubInstallationToken(fetchFn, apiBase(cfg), {
      appId: Number(app.appID),
      installationId: Number(app.installationID),
      privateKeyPem: secrets.get(app.privateKey!),
    });
  }
  return {
    authorization: `Bearer ${token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'user-agent': 'eventide',
  };
}

function nextPage(link: string | null): string | undefined {
  return link
    ?.split(',')
    .find((part) => /rel="next"/.test(part))
    ?.match(/<([^>]+)>/)?.[1];
}

function listHooks(fetchFn: FetchFn, url: string, headers: Record<string, string>): Promise<GithubHook[]> {
  return getAllPages(fetchFn, `${url}?per_page=100`, headers, (res) => ({
    items: (res.body ?? []) as GithubHook[],
    next: nextPage(res.headers.get('link')),
  }));
}

interface DesiredHook {
  name: 'web';
  active: boolean;
  events: string[];
  config: { url: string; insecure_ssl: '0' | '1'; content_type?: string; secret?: string };
}

function desiredHook(cfg: Record<string, unknown>, secret: string | undefined): DesiredHook {
  const config: DesiredHook['config'] = {
    url: hookUrl(cfg),
    insecure_ssl: cfg.insecure === true ? '1' : '0',
  };
  if (typeof cfg.contentType === 'string' && cfg.contentType !== '') config.content_type = cfg.contentType;
  if (secret !== undefined) config.secret = secret;
  // Argo sends `active` as given, so an omitted `active` makes an inactive hook; Eventide defaults to active.
  return { name: 'web', active: cfg.active !== false, events: (cfg.events ?? []) as string[], config };
}

/** Argo's match: same URL and same events (or both "*"). */
function sameEvents(h: GithubHook, events: string[]): boolean {
  const have = h.events ?? [];
  return sameSet(have, events) || (have.includes('*') && events.includes('*'));
}

function upToDate(h: GithubHook, want: DesiredHook): boolean {
  const c = h.config ?? {};
  return (
    h.active === want.active &&
    sameEvents(h, want.events) &&
    c.insecure_ssl === want.config.insecure_ssl &&
    (want.config.content_type === undefined || c.content_type === want.config.content_type) &&
    // GitHub never shows a stored secret, so with a secret the hook is always rewritten (rotation reaches GitHub).
    want.config.secret === undefined &&
    c.secret === undefined
  );
}

function hasCredentials(cfg: Record<string, unknown>): boolean {
  return Boolean(cfg.apiToken) || usesApp(cfg);
}

function githubHooks(cfg: Record<string, unknown>, { secrets, fetch: fetchFn }: HookCallContext) {
  return collectionHookApi<DesiredHook, GithubHook>({
    base: apiBase(cfg),
    fetch: fetchFn,
    targets: targetsOf(cfg),
    prepare: async () => ({
      want: desiredHook(
        cfg,
        cfg.webhookSecret ? secrets.get(cfg.webhookSecret as SecretKeySelector) : undefined,
      ),
      headers: await apiHeaders(cfg, secrets, fetchFn),
    }),
    list: (url, headers) => listHooks(fetchFn, url, headers),
    urlOf: (h) => h.config?.url,
    // Argo reuses a hook with our URL and the same events; any other hook with our URL is updated.
    pick: (ours, want) => ours.find((h) => sameEvents(h, want.events)) ?? ours[0],
    upToDate,
    update: { method: 'PATCH', body: ({ name: _name, ...patch }) => patch },
  });
}

export const githubHookManager = urlHookManager('github', hasCredentials, githubHooks);
