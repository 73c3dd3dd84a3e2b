// Bitbucket Server (Data Center) REST API 1.0: base URL (bitbucketserverBaseURL, e.g.
// https://host/rest), bearer-token headers, and its paged GETs (values / isLastPage / nextPageStart).
import { getAllPages, joinUrl, type FetchFn } from '../git-hosts/host-api.js';

export interface BitbucketServerApi {
  fetch: FetchFn;
  base: string;
  headers: Record<string, string>;
}

export function bitbucketServerApi(
  cfg: Record<string, unknown>,
  accessToken: string,
  fetchFn: FetchFn,
): BitbucketServerApi {
  return {
    fetch: fetchFn,
    base: String(cfg.bitbucketserverBaseURL ?? ''),
    headers: {
      authorization: `Bearer ${accessToken}`,
      'x-atlassian-token': 'no-check',
      'x-requested-with': 'XMLHttpRequest',
      'user-agent': 'eventide',
    },
  };
}

export function repoPath(projectKey: string, slug: string): string {
  return `api/1.0/projects/${encodeURIComponent(projectKey)}/repos/${encodeURIComponent(slug)}`;
}

interface Page<T> {
  values?: T[];
  isLastPage?: boolean;
  nextPageStart?: number;
}

export function pagedGet<T>(api: BitbucketServerApi, path: string): Promise<T[]> {
  const pageUrl = (start: number) => `${joinUrl(api.base, path)}?limit=500&start=${start}`;
  return getAllPages(api.fetch, pageUrl(0), api.headers, (res) => {
    const page = (res.body ?? {}) as Page<T>;
    const last = page.isLastPage !== false || page.nextPageStart === undefined;
    return { items: page.values ?? [], next: last ? undefined : pageUrl(page.nextPageStart!) };
  });
}
