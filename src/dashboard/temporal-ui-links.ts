// Links into the Temporal Web UI: a Sensor is a workflow and each fire is a `runTrigger`
// activity in its history, so a fire links to that run's history.
export function workflowUrl(
  uiUrl: string | undefined,
  namespace: string,
  workflowId: string,
  runId?: string,
): string | undefined {
  if (!uiUrl) return undefined;
  const base = `${uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}
