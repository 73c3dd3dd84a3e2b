// Hosts that keep hooks as a REST collection per target, each hook with a numeric id (GitHub,
// GitLab): `<base>/<hooksPath>` lists and creates them, `<base>/<hooksPath>/<id>` updates and
// deletes one. The host supplies its credentials, the hook it wants, how it pages and compares.
import { hostJson, joinUrl, type FetchFn } from './host-api.js';
import type { UrlHookApi } from '../hook-management/hook-manager.js';

/** A repository, organization, project or group, and the API path of its hooks. */
export interface HookCollection {
  label: string;
  hooksPath: string;
}

export interface PreparedHook<W> {
  headers: Record<string, string>;
  want: W;
}

export interface CollectionHost<W, H extends { id: number }> {
  base: string;
  fetch: FetchFn;
  targets: HookCollection[];
  prepare(): PreparedHook<W> | Promise<PreparedHook<W>>;
  /** every hook of the collection at `url`, across the host's pages */
  list(url: string, headers: Record<string, string>): Promise<H[]>;
  urlOf(h: H): string | undefined;
  upToDate(h: H, want: W): boolean;
  /** how an existing hook is rewritten: the method, and the body when it is not the wanted hook itself */
  update: { method: 'PATCH' | 'PUT'; body?(want: W): unknown };
  /** which of several hooks calling our URL to keep (default: the first) */
  pick?(ours: H[], want: W): H | undefined;
}

export function collectionHookApi<W, H extends { id: number }>(
  host: CollectionHost<W, H>,
): UrlHookApi<HookCollection, PreparedHook<W>, H> {
  const { fetch: fetchFn, pick, update } = host;
  const collection = (t: HookCollection) => joinUrl(host.base, t.hooksPath);
  const one = (t: HookCollection, h: H) => `${collection(t)}/${h.id}`;
  return {
    targets: host.targets,
    label: (t) => t.label,
    prepare: () => host.prepare(),
    list: (t, { headers }) => host.list(collection(t), headers),
    urlOf: (h) => host.urlOf(h),
    idOf: (h) => h.id,
    ...(pick ? { pick: (ours: H[], p: PreparedHook<W>) => pick(ours, p.want) } : {}),
    create: async (t, { headers, want }) =>
      ((await hostJson(fetchFn, 'POST', collection(t), headers, want)).body as H).id,
    upToDate: (h, { want }) => host.upToDate(h, want),
    update: (t, h, { headers, want }) =>
      hostJson(fetchFn, update.method, one(t, h), headers, update.body ? update.body(want) : want),
    remove: (t, h, { headers }) => hostJson(fetchFn, 'DELETE', one(t, h), headers),
  };
}
