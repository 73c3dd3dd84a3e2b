// What the `resource` listener reports for one change of one object: Argo's client-side filters
// (prefix, fields, createdBy, afterStart), its payload {type, body, oldBody, group, version,
// resource, metadata}, and an event id from the object's identity and version so one change is
// reported once however often it is seen (a resumed watch, a relist after 410 Gone).
import { compileGoRegexp } from '../../lang/goregexp/index.js';
import type { KubeObject } from '../../kubernetes/kube-object.js';
import type { ResourceEventType, ResourcePlan } from './resource-config.js';

export interface ResourceChange {
  type: ResourceEventType;
  object: KubeObject;
  /** the object before an UPDATE, when known */
  old?: KubeObject;
}

interface Meta {
  name?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  managedFields?: { operation?: string; time?: string }[];
}

const meta = (o: KubeObject): Meta => (o.metadata ?? {}) as Meta;

/** gjson-style dot path (a\.b escapes a dot) to a string value; undefined when absent. */
function fieldString(obj: unknown, key: string): string | undefined {
  const parts = key.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
  let at: unknown = obj;
  for (const part of parts) {
    if (Array.isArray(at) && /^\d+$/.test(part)) at = at[Number(part)];
    else if (typeof at === 'object' && at !== null) at = (at as Record<string, unknown>)[part];
    else return undefined;
    if (at === undefined) return undefined;
  }
  // gjson's res.Str is empty for non-strings: Argo matches the regex against "".
  return typeof at === 'string' ? at : '';
}

/** When Argo considers the change to have happened (for afterStart). */
function eventTime(c: ResourceChange, now: number): number {
  const m = meta(c.object);
  const created = m.creationTimestamp ? Date.parse(m.creationTimestamp) : 0;
  if (c.type === 'DELETE') return m.deletionTimestamp ? Date.parse(m.deletionTimestamp) : now;
  if (c.type === 'UPDATE') {
    let t = created;
    for (const f of m.managedFields ?? []) {
      const ft = f.time ? Date.parse(f.time) : NaN;
      if (f.operation === 'Update' && ft > t) t = ft;
    }
    return t;
  }
  return created;
}

/** Argo's passFilters: prefix, afterStart, createdBy, fields (labels are sent to the server). */
export function passesFilters(
  plan: ResourcePlan,
  c: ResourceChange,
  startTime: number,
  now = Date.now(),
): boolean {
  const m = meta(c.object);
  if (plan.prefix && !(m.name ?? '').startsWith(plan.prefix)) return false;
  // Kubernetes timestamps have second precision: compare at that precision.
  if (plan.afterStart && eventTime(c, now) < Math.floor(startTime / 1000) * 1000) return false;
  if (plan.createdBy && m.creationTimestamp && Date.parse(m.creationTimestamp) > Date.parse(plan.createdBy)) {
    return false;
  }
  for (const f of plan.fields ?? []) {
    const value = fieldString(c.object, f.key);
    if (value === undefined) return false;
    const match = compileGoRegexp(f.value).test(value);
    if (match === f.negate) return false;
  }
  return true;
}

/** Argo's ResourceEventData; oldBody is null unless an UPDATE's prior state is known. */
export function resourceEventData(plan: ResourcePlan, c: ResourceChange): Record<string, unknown> {
  const data: Record<string, unknown> = {
    type: c.type,
    body: c.object,
    oldBody: c.old ?? null,
    group: plan.group,
    version: plan.version,
    resource: plan.resource,
  };
  if (plan.metadata) data.metadata = plan.metadata;
  return data;
}

/** One change of one object: its uid, the resourceVersion the change produced, and its type. */
export function resourceEventId(
  source: { namespace: string; name: string },
  eventName: string,
  c: ResourceChange,
): string {
  const m = meta(c.object);
  return `resource:${source.namespace}/${source.name}/${eventName}:${m.uid ?? m.name ?? ''}/${m.resourceVersion ?? ''}/${c.type}`;
}
