// Applying, listing and deleting Sensors and EventSources. Temporal is the only store: each
// resource is a running workflow whose memo holds its manifest and whose search attributes
// make it findable.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type {
  EventSourceManifest,
  Manifest,
  ObjectMeta,
  SensorManifest,
} from '../vocabulary/manifest-types.js';
import { API_VERSION, namespaceOf } from '../vocabulary/manifest-types.js';
import { eventideAttributes } from '../vocabulary/search-attributes.js';
import { sensorWorkflowId, specSignal, deleteSignal } from '../vocabulary/sensor-api.js';
import {
  eventSourceDeleteSignal,
  eventSourceSpecSignal,
  eventSourceWorkflowId,
} from '../vocabulary/eventsource-api.js';
import type { SensorWorkflowOptions } from '../vocabulary/sensor-api.js';

export type ResourceKind = 'Sensor' | 'EventSource';

export interface ApplyOptions {
  taskQueue: string;
  sensorOptions?: SensorWorkflowOptions;
}

export interface AppliedResource {
  kind: ResourceKind;
  namespace: string;
  name: string;
  workflowId: string;
  created: boolean;
}

/**
 * The memo a resource's workflow starts with. `createdAt` is set once, at creation: re-applying
 * does not change a running workflow's memo, and continue-as-new carries it, so the oldest
 * claim on a webhook port + endpoint keeps it however the names sort.
 */
function memoOf(m: Manifest): Record<string, unknown> {
  return { metadata: m.metadata, spec: m.spec, createdAt: Date.now() };
}

/** Operators lower Sensors' continue-as-new threshold with EVENTIDE_SENSOR_HISTORY_LIMIT (README "Configuration"). */
export function sensorOptionsFromEnv(
  base: SensorWorkflowOptions | undefined,
  env: NodeJS.ProcessEnv = process.env,
): SensorWorkflowOptions | undefined {
  const raw = env.EVENTIDE_SENSOR_HISTORY_LIMIT;
  if (raw === undefined || raw === '' || base?.historyEventLimit !== undefined) return base;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 20 || n > 40_000)
    throw new Error(
      `EVT_ERR_CONFIG_HISTORY_LIMIT: EVENTIDE_SENSOR_HISTORY_LIMIT=${JSON.stringify(raw)} is not a whole number of history events between 20 and 40000; unset it for the default (10000)`,
    );
  return { ...base, historyEventLimit: n };
}

function workflowIdOf(kind: ResourceKind, namespace: string, name: string): string {
  return kind === 'Sensor' ? sensorWorkflowId(namespace, name) : eventSourceWorkflowId(namespace, name);
}

export async function applyResource(
  client: Client,
  m: Manifest,
  opts: ApplyOptions,
): Promise<AppliedResource> {
  const namespace = namespaceOf(m);
  const name = m.metadata.name;
  const workflowId = workflowIdOf(m.kind, namespace, name);
  const common = {
    workflowId,
    taskQueue: opts.taskQueue,
    memo: memoOf(m),
    typedSearchAttributes: eventideAttributes(m.kind, namespace, name),
  };
  let existed = false;
  try {
    existed = (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch (e) {
    if (!(e instanceof WorkflowNotFoundError)) throw e;
  }
  if (m.kind === 'Sensor') {
    const s = m as SensorManifest;
    const options = sensorOptionsFromEnv(opts.sensorOptions);
    const input = {
      sensor: { namespace, name },
      spec: s.spec,
      ...(options ? { options } : {}),
    };
    await client.workflow.signalWithStart('sensorWorkflow', {
      ...common,
      args: [input],
      signal: specSignal,
      signalArgs: [s.spec],
    });
  } else {
    const e = m as EventSourceManifest;
    await client.workflow.signalWithStart('eventSourceWorkflow', {
      ...common,
      args: [{ source: { namespace, name }, spec: e.spec }],
      signal: eventSourceSpecSignal,
      signalArgs: [e.spec],
    });
  }
  return { kind: m.kind, namespace, name, workflowId, created: !existed };
}

export interface ListedResource {
  kind: ResourceKind;
  namespace: string;
  name: string;
  workflowId: string;
  startTime: Date;
  /** when the resource was first applied (epoch ms) */
  createdAt: number;
  manifest: Manifest;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Running resources of one kind, oldest first (routes go to the first claimant, see buildRouteTable). */
export async function listResources(
  client: Client,
  kind: ResourceKind,
  namespace?: string,
): Promise<ListedResource[]> {
  let query = `EventideKind = ${quote(kind)} AND ExecutionStatus = 'Running'`;
  if (namespace) query += ` AND EventideNamespace = ${quote(namespace)}`;
  return sortOldestFirst(await listByQuery(client, query));
}

export interface ResourceChanges {
  /** running resources applied or re-specified at or after `since` */
  updated: ListedResource[];
  /** runs of resources that closed (deleted, terminated, failed) at or after `since`, by run id */
  closedRuns: { workflowId: string; runId: string }[];
}

/**
 * What changed since a moment, read through the EventideUpdatedAt search attribute (stamped at
 * apply and on every spec change) and CloseTime: a handful of rows however many resources
 * exist, where listResources returns every one of them with its manifest.
 */
export async function listResourceChanges(client: Client, since: Date): Promise<ResourceChanges> {
  const at = quote(since.toISOString());
  const ours = `EventideKind IN ('Sensor', 'EventSource')`;
  const updated = await listByQuery(
    client,
    `${ours} AND ExecutionStatus = 'Running' AND EventideUpdatedAt >= ${at}`,
  );
  const closedRuns: ResourceChanges['closedRuns'] = [];
  for await (const wf of client.workflow.list({
    query: `${ours} AND ExecutionStatus != 'Running' AND ExecutionStatus != 'ContinuedAsNew' AND CloseTime >= ${at}`,
  })) {
    closedRuns.push({ workflowId: wf.workflowId, runId: wf.runId });
  }
  return { updated, closedRuns };
}

export function sortOldestFirst(list: ListedResource[]): ListedResource[] {
  return list.sort(
    (a, b) =>
      a.createdAt - b.createdAt || (a.namespace + '/' + a.name).localeCompare(b.namespace + '/' + b.name),
  );
}

async function listByQuery(client: Client, query: string): Promise<ListedResource[]> {
  const out: ListedResource[] = [];
  for await (const wf of client.workflow.list({ query })) {
    const kind: ResourceKind = wf.workflowId.startsWith('sensor:') ? 'Sensor' : 'EventSource';
    const memo = (wf.memo ?? {}) as { metadata?: ObjectMeta; spec?: unknown; createdAt?: unknown };
    const ns = wf.workflowId.slice(wf.workflowId.indexOf(':') + 1).split('/')[0] ?? 'default';
    const name = wf.workflowId.slice(wf.workflowId.indexOf('/') + 1);
    const metadata: ObjectMeta = { ...(memo.metadata ?? { name }), name, namespace: ns };
    out.push({
      kind,
      namespace: ns,
      name,
      workflowId: wf.workflowId,
      startTime: wf.startTime,
      createdAt: typeof memo.createdAt === 'number' ? memo.createdAt : wf.startTime.getTime(),
      manifest: { apiVersion: API_VERSION, kind, metadata, spec: (memo.spec ?? {}) as never } as Manifest,
    });
  }
  return out;
}

export class ResourceNotFoundError extends Error {
  constructor(kind: ResourceKind, namespace: string, name: string) {
    super(
      `${kind} ${namespace}/${name} not found (list them with: eventide get ${kind === 'Sensor' ? 'sensors' : 'eventsources'})`,
    );
    this.name = 'ResourceNotFoundError';
  }
}

export async function deleteResource(
  client: Client,
  kind: ResourceKind,
  namespace: string,
  name: string,
): Promise<void> {
  const handle = client.workflow.getHandle(workflowIdOf(kind, namespace, name));
  try {
    const desc = await handle.describe();
    if (desc.status.name !== 'RUNNING') throw new ResourceNotFoundError(kind, namespace, name);
    await handle.signal(kind === 'Sensor' ? deleteSignal : eventSourceDeleteSignal);
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) throw new ResourceNotFoundError(kind, namespace, name);
    throw e;
  }
}
