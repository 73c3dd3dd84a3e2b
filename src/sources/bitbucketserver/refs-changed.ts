// Bitbucket Server's repo:refs_changed deliveries, as Argo shapes them: optionally without the
// branch updates that already have an open pull request (skipBranchRefsChangedOnOpenPR, one API
// lookup per updated branch), and optionally one event per change (oneEventPerChange).
import { pagedGet, repoPath, type BitbucketServerApi } from './bitbucketserver-api.js';

interface RefChange {
  ref?: { type?: string };
  type?: string;
  toHash?: string;
}

export interface RefsChanged {
  repository?: { slug?: string; project?: { key?: string } };
  changes?: RefChange[];
  [field: string]: unknown;
}

async function hasOpenPullRequest(
  api: BitbucketServerApi,
  projectKey: string,
  slug: string,
  commit: string,
): Promise<boolean> {
  const prs = await pagedGet<{ state?: string }>(
    api,
    `${repoPath(projectKey, slug)}/commits/${encodeURIComponent(commit)}/pull-requests`,
  );
  return prs.some((pr) => pr.state?.toUpperCase() === 'OPEN');
}

/** Drops branch updates (not deletions, not tags) whose new commit has an open pull request. */
export async function withoutOpenPullRequestChanges(
  api: BitbucketServerApi,
  event: RefsChanged,
): Promise<RefsChanged> {
  const projectKey = event.repository?.project?.key ?? '';
  const slug = event.repository?.slug ?? '';
  const kept: RefChange[] = [];
  for (const change of event.changes ?? []) {
    const isBranchUpdate = change.ref?.type === 'BRANCH' && change.type !== 'DELETE';
    if (!isBranchUpdate || !(await hasOpenPullRequest(api, projectKey, slug, change.toHash ?? ''))) {
      kept.push(change);
    }
  }
  return { ...event, changes: kept };
}

/** One copy of the delivery per change, each with just that change. */
export function splitPerChange(event: RefsChanged): RefsChanged[] {
  return (event.changes ?? []).map((change) => ({ ...event, changes: [change] }));
}
