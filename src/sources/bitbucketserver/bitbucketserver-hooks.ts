// Bitbucket Server webhook management through REST API 1.0, as Argo does it: for every repository
// (listed, or in the listed projects) create the "Argo Events" webhook pointing at webhook.url, or
// update it when its events or secret differ; delete it on EventSource delete when
// deleteHookOnFinish. Authenticates with accessToken.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import { hostJson, joinUrl } from '../git-hosts/host-api.js';
import {
  hookUrl,
  sameSet,
  urlHookManager,
  type HookCallContext,
  type UrlHookApi,
} from '../hook-management/hook-manager.js';
import { listedRepositories, type BitbucketRepo } from '../git-hosts/bitbucket-repositories.js';
import { bitbucketServerApi, pagedGet, repoPath, type BitbucketServerApi } from './bitbucketserver-api.js';

interface ServerHook {
  id: number;
  url?: string;
  events?: string[];
  configuration?: { secret?: string };
}

/** An accessToken and something to hook: listed repositories or projects. */
function hasCredentialsAndTargets(cfg: Record<string, unknown>): boolean {
  const targets = listedRepositories(cfg, 'projectKey').length + ((cfg.projects ?? []) as string[]).length;
  return Boolean(cfg.accessToken) && targets > 0;
}

/** The listed repositories plus every repository of the listed projects. */
async function allRepos(api: BitbucketServerApi, cfg: Record<string, unknown>): Promise<BitbucketRepo[]> {
  const repos = listedRepositories(cfg, 'projectKey');
  for (const project of (cfg.projects ?? []) as string[]) {
    const inProject = await pagedGet<{ slug: string; project?: { key?: string } }>(
      api,
      `api/1.0/projects/${encodeURIComponent(project)}/repos`,
    );
    for (const r of inProject) repos.push({ owner: r.project?.key ?? project, slug: r.slug });
  }
  return repos;
}

interface Prepared {
  api: BitbucketServerApi;
  repos: BitbucketRepo[];
  want: { name: string; url: string; active: true; events: string[]; configuration?: { secret: string } };
}

function serverHooks(
  cfg: Record<string, unknown>,
  { secrets, fetch: fetchFn }: HookCallContext,
): UrlHookApi<BitbucketRepo, Prepared, ServerHook> {
  const hooksUrl = (api: BitbucketServerApi, r: BitbucketRepo) =>
    joinUrl(api.base, `${repoPath(r.owner, r.slug)}/webhooks`);
  return {
    // Repositories of projects come from the API, so they are known only once `prepare` ran.
    targets: (p) => p.repos,
    label: (r) => `repository ${r.owner}/${r.slug}`,
    scope: 'Bitbucket Server repositories',
    prepare: async () => {
      const secret = cfg.webhookSecret ? secrets.get(cfg.webhookSecret as SecretKeySelector) : '';
      const api = bitbucketServerApi(cfg, secrets.get(cfg.accessToken as SecretKeySelector), fetchFn);
      const events = (cfg.events ?? []) as string[];
      // Bitbucket Server rejects an empty secret, so without one the configuration is left out.
      const want = {
        name: 'Argo Events',
        url: hookUrl(cfg),
        active: true as const,
        events,
        ...(secret ? { configuration: { secret } } : {}),
      };
      return { api, repos: await allRepos(api, cfg), want };
    },
    list: (r, { api }) => pagedGet<ServerHook>(api, `${repoPath(r.owner, r.slug)}/webhooks`),
    urlOf: (h) => h.url,
    idOf: (h) => h.id,
    create: async (r, { api, want }) =>
      ((await hostJson(api.fetch, 'POST', hooksUrl(api, r), api.headers, want)).body as ServerHook).id,
    // Argo's rule: update when the events or the secret differ.
    upToDate: (h, { want }) =>
      sameSet(h.events ?? [], want.events) &&
      (h.configuration?.secret ?? '') === (want.configuration?.secret ?? ''),
    update: (r, h, { api, want }) =>
      hostJson(api.fetch, 'PUT', `${hooksUrl(api, r)}/${h.id}`, api.headers, want),
    remove: (r, h, { api }) => hostJson(api.fetch, 'DELETE', `${hooksUrl(api, r)}/${h.id}`, api.headers),
  };
}

export const bitbucketServerHookManager = urlHookManager(
  'bitbucketserver',
  hasCredentialsAndTargets,
  serverHooks,
);
