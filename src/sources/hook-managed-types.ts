// The EventSource types with hook management, as plain data the workflow can import (the
// managers themselves use Node and must stay out of the workflow bundle).
export const HOOK_MANAGED_TYPES: readonly string[] = [
  'github',
  'gitlab',
  'bitbucketserver',
  'bitbucket',
  'gerrit',
  'storageGrid',
  'stripe',
];
