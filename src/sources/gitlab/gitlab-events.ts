// GitLab hook event names as Argo's manifests spell them (the go-gitlab option fields, e.g.
// PushEvents) and as GitLab's API spells them (push_events).

export const GITLAB_HOOK_EVENTS = [
  'PushEvents',
  'TagPushEvents',
  'IssuesEvents',
  'ConfidentialIssuesEvents',
  'MergeRequestsEvents',
  'NoteEvents',
  'ConfidentialNoteEvents',
  'JobEvents',
  'PipelineEvents',
  'WikiPageEvents',
  'DeploymentEvents',
  'ReleasesEvents',
  'EmojiEvents',
  'ResourceAccessTokenEvents',
] as const;

/** PushEvents → push_events */
export function gitlabApiField(event: string): string {
  return event.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
