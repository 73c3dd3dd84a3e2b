// Stamps the EventideUpdatedAt search attribute when a resource's spec changes, so the ingress
// can poll only what changed. Skipped for workflows started without the attribute (a server
// where it is not registered would fail the task) and, through patched(), for histories
// recorded before it existed.
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { EVENTIDE_UPDATED_AT } from '../src/vocabulary/search-attributes.js';

export function markSpecUpdated(): void {
  if (workflowInfo().typedSearchAttributes.get(EVENTIDE_UPDATED_AT) === undefined) return;
  if (!patched('eventide-updated-at')) return;
  upsertSearchAttributes([{ key: EVENTIDE_UPDATED_AT, value: new Date() }]);
}
