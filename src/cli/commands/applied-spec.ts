// The spec a running Sensor or EventSource holds now, to tell `eventide apply` that a manifest is
// unchanged. Asked of the workflow by query (Temporal answers a query only after the signals
// before it, so a spec applied a moment ago is seen); undefined when nothing runs or no worker
// answers in time, and apply then signals as for a change.
import type { Client } from '@temporalio/client';
import { canonicalJson } from '../../engine/stable-json.js';
import type { Manifest } from '../../vocabulary/manifest-types.js';
import { namespaceOf } from '../../vocabulary/manifest-types.js';
import { sensorWorkflowId, stateQuery } from '../../vocabulary/sensor-api.js';
import { eventSourceSpecQuery, eventSourceWorkflowId } from '../../vocabulary/eventsource-api.js';

const QUERY_TIMEOUT_MS = 3000;

function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]);
}

async function appliedSpec(client: Client, m: Manifest): Promise<unknown> {
  const ns = namespaceOf(m);
  const name = m.metadata.name;
  const handle = client.workflow.getHandle(
    m.kind === 'Sensor' ? sensorWorkflowId(ns, name) : eventSourceWorkflowId(ns, name),
  );
  try {
    if ((await handle.describe()).status.name !== 'RUNNING') return undefined;
    if (m.kind === 'Sensor') return (await within(handle.query(stateQuery), QUERY_TIMEOUT_MS))?.spec;
    return await within(handle.query(eventSourceSpecQuery), QUERY_TIMEOUT_MS);
  } catch {
    // Not found, or a query that fails (an old workflow, no worker): not an answer.
    return undefined;
  }
}

/** Does the running resource already hold exactly this manifest's spec? */
export async function isUnchanged(client: Client, m: Manifest): Promise<boolean> {
  const current = await appliedSpec(client, m);
  return current !== undefined && canonicalJson(current) === canonicalJson(m.spec);
}
