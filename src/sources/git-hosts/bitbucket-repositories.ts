// The repository lists of both Bitbucket flavours: `repositories: [{<owner>, repositorySlug}]`,
// or the deprecated top-level <owner> + repositorySlug, where <owner> is `owner` (Cloud) or
// `projectKey` (Server).
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { listAt, objectAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';

export type OwnerField = 'owner' | 'projectKey';

export interface BitbucketRepo {
  owner: string;
  slug: string;
}

export function listedRepositories(cfg: Record<string, unknown>, ownerField: OwnerField): BitbucketRepo[] {
  const repos = (cfg.repositories ?? []) as Record<string, string>[];
  if (repos.length > 0)
    return repos.map((r) => ({ owner: r[ownerField] ?? '', slug: r.repositorySlug ?? '' }));
  const owner = cfg[ownerField];
  const slug = cfg.repositorySlug;
  return typeof owner === 'string' && owner !== '' && typeof slug === 'string' && slug !== ''
    ? [{ owner, slug }]
    : [];
}

/** Checks the list and the deprecated fields; the number of repositories named. */
export function checkRepositories(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
  ownerField: OwnerField,
): number {
  const repos = listAt(p, cfg.repositories, [...path, 'repositories'], false) ?? [];
  repos.forEach((raw, i) => {
    const r = objectAt(p, raw, [...path, 'repositories', i], true);
    if (!r) return;
    stringAt(p, r[ownerField], [...path, 'repositories', i, ownerField], true);
    stringAt(p, r.repositorySlug, [...path, 'repositories', i, 'repositorySlug'], true);
  });
  stringAt(p, cfg[ownerField], [...path, ownerField], false);
  stringAt(p, cfg.repositorySlug, [...path, 'repositorySlug'], false);
  return listedRepositories(cfg, ownerField).length;
}
