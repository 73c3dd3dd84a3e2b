// Push sources for Git hosts and storage notifications: github, gitlab, bitbucket,
// bitbucketserver, gerrit, storagegrid.
import type { PushSourceType } from './source-type.js';

export const GIT_HOST_SOURCES: PushSourceType[] = [];
