// Push sources for Git hosts and storage notifications: github, gitlab, bitbucket,
// bitbucketserver, gerrit, storageGrid; and, for each, the hook management the EventSource
// workflow runs on apply (ensure) and delete (remove).
import type { PushSourceType } from './source-type.js';
import type { HookManager } from './hook-management/hook-manager.js';
import { githubSource } from './github-source.js';
import { gitlabSource } from './gitlab-source.js';
import { bitbucketServerSource } from './bitbucketserver-source.js';
import { bitbucketSource } from './bitbucket-source.js';
import { gerritSource } from './gerrit-source.js';
import { storageGridSource } from './storagegrid-source.js';
import { githubHookManager } from './github/github-hooks.js';
import { gitlabHookManager } from './gitlab/gitlab-hooks.js';
import { bitbucketServerHookManager } from './bitbucketserver/bitbucketserver-hooks.js';
import { bitbucketHookManager } from './bitbucket/bitbucket-hooks.js';
import { gerritHookManager } from './gerrit/gerrit-hooks.js';
import { storageGridHookManager } from './storagegrid/storagegrid-registration.js';

export const GIT_HOST_SOURCES: PushSourceType[] = [
  githubSource,
  gitlabSource,
  bitbucketServerSource,
  bitbucketSource,
  gerritSource,
  storageGridSource,
];

/** Hook management by EventSource type (spec key). */
export const GIT_HOST_HOOK_MANAGERS: ReadonlyMap<string, HookManager> = new Map(
  [
    githubHookManager,
    gitlabHookManager,
    bitbucketServerHookManager,
    bitbucketHookManager,
    gerritHookManager,
    storageGridHookManager,
  ].map((m) => [m.type, m]),
);
