// Argo's `resource` EventSource config (namespace, group/version/resource, eventTypes, filter,
// metadata) plus Eventide's `cluster` (a kubeconfig context), read into a plain-JSON plan for the
// resource listener. Pure: validation and the listener share it.
import { compileGoRegexp } from '../../lang/goregexp/index.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { boolAt, listAt, objectAt, oneOf, stringAt, type Obj } from '../../vocabulary/shape-checks.js';

const RESOURCE_EVENT_TYPES = ['ADD', 'UPDATE', 'DELETE'] as const;
export type ResourceEventType = (typeof RESOURCE_EVENT_TYPES)[number];

/** Label selector operators Argo passes to labels.NewRequirement. */
const LABEL_OPS = ['=', '==', '!=', 'exists', '!', 'in', 'notin', 'gt', 'lt'] as const;
/** Field filters are matched by Argo itself: equality (regex match) or its negation. */
const FIELD_OPS = ['=', '==', '!='] as const;

interface FieldFilter {
  /** dot path into the object, as gjson reads it (metadata.name, spec.serviceAccountName) */
  key: string;
  /** Go regular expression matched (unanchored) against the field's string value */
  value: string;
  negate: boolean;
}

export interface ResourcePlan {
  /** empty: every namespace (or a cluster-scoped resource) */
  namespace: string;
  group: string;
  version: string;
  resource: string;
  eventTypes: ResourceEventType[];
  /** Kubernetes label selector string sent with LIST and WATCH (server-side filtering) */
  labelSelector?: string;
  prefix?: string;
  fields?: FieldFilter[];
  /** ISO time: only objects created at or before it */
  createdBy?: string;
  afterStart: boolean;
  metadata?: Record<string, string>;
  /** kubeconfig context to watch instead of the current one */
  cluster?: string;
}

/** Kubernetes label keys: optional DNS prefix + '/', name of up to 63 characters. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function labelTerm(p: Problems, sel: Obj, path: PathSegment[]): string | undefined {
  const key = stringAt(p, sel.key, [...path, 'key'], true);
  if (key === undefined) return undefined;
  if (key === '') {
    p.add([...path, 'key'], "key can't be empty for selector");
    return undefined;
  }
  if (!LABEL_KEY.test(key)) {
    p.add([...path, 'key'], `${JSON.stringify(key)} is not a valid label key`);
    return undefined;
  }
  const op =
    sel.operation === undefined || sel.operation === ''
      ? '='
      : oneOf(p, sel.operation, [...path, 'operation'], LABEL_OPS);
  if (op === undefined) return undefined;
  const value = stringAt(p, sel.value, [...path, 'value'], false) ?? '';
  const values = op === 'in' || op === 'notin' ? value.split(',') : [value];
  if ((op === 'exists' || op === '!') && value === '') return op === '!' ? `!${key}` : key;
  if (op === 'exists' || op === '!') {
    p.add([...path, 'value'], `operation ${op} takes no value`);
    return undefined;
  }
  for (const v of values) {
    if (!LABEL_VALUE.test(v)) {
      p.add([...path, 'value'], `${JSON.stringify(v)} is not a valid label value`);
      return undefined;
    }
    if ((op === 'gt' || op === 'lt') && !/^-?\d+$/.test(v)) {
      p.add([...path, 'value'], `operation ${op} needs an integer value, got ${JSON.stringify(v)}`);
      return undefined;
    }
  }
  switch (op) {
    case 'in':
    case 'notin':
      return `${key} ${op} (${values.join(',')})`;
    case 'gt':
      return `${key}>${value}`;
    case 'lt':
      return `${key}<${value}`;
    default:
      return `${key}${op}${value}`;
  }
}

function readSelectors(p: Problems, raw: unknown, path: PathSegment[]): Obj[] {
  const list = listAt(p, raw, path, false) ?? [];
  return list.flatMap((s, i) => {
    const o = objectAt(p, s, [...path, i], true);
    return o ? [o] : [];
  });
}

function readFilter(p: Problems, raw: unknown, path: PathSegment[], plan: Partial<ResourcePlan>): void {
  plan.afterStart = false;
  const f = objectAt(p, raw, path, false);
  if (!f) return;
  const prefix = stringAt(p, f.prefix, [...path, 'prefix'], false);
  if (prefix) plan.prefix = prefix;
  const terms = readSelectors(p, f.labels, [...path, 'labels']).map((s, i) =>
    labelTerm(p, s, [...path, 'labels', i]),
  );
  if (terms.length > 0 && terms.every((t) => t !== undefined)) plan.labelSelector = terms.join(',');
  const fields: FieldFilter[] = [];
  readSelectors(p, f.fields, [...path, 'fields']).forEach((s, i) => {
    const at: PathSegment[] = [...path, 'fields', i];
    const key = stringAt(p, s.key, [...at, 'key'], true);
    if (key === '') p.add([...at, 'key'], "key can't be empty for selector");
    const op =
      s.operation === undefined || s.operation === ''
        ? '='
        : oneOf(p, s.operation, [...at, 'operation'], FIELD_OPS);
    const value = stringAt(p, s.value, [...at, 'value'], false) ?? '';
    try {
      compileGoRegexp(value);
    } catch (e) {
      p.add([...at, 'value'], `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (key && op) fields.push({ key, value, negate: op === '!=' });
  });
  if (fields.length > 0) plan.fields = fields;
  const createdBy = stringAt(p, f.createdBy, [...path, 'createdBy'], false);
  if (createdBy) {
    const t = Date.parse(createdBy);
    if (Number.isNaN(t))
      p.add([...path, 'createdBy'], `must be an RFC 3339 time, got ${JSON.stringify(createdBy)}`);
    else plan.createdBy = new Date(t).toISOString();
  }
  plan.afterStart = boolAt(p, f.afterStart, [...path, 'afterStart']) ?? false;
}

/** Reads one resource event config, recording problems; the plan is undefined if any were found. */
export function readResourceConfig(p: Problems, cfg: Obj, path: PathSegment[]): ResourcePlan | undefined {
  const before = p.list.length;
  const plan: Partial<ResourcePlan> = {};
  plan.namespace = stringAt(p, cfg.namespace, [...path, 'namespace'], false) ?? '';
  plan.group = stringAt(p, cfg.group, [...path, 'group'], false) ?? '';
  const version = stringAt(p, cfg.version, [...path, 'version'], false);
  if (!version) p.add([...path, 'version'], 'version must be specified');
  else plan.version = version;
  const resource = stringAt(p, cfg.resource, [...path, 'resource'], false);
  if (!resource)
    p.add([...path, 'resource'], 'resource must be specified (the plural name, e.g. configmaps)');
  else if (!/^[a-z0-9][-a-z0-9.]*$/.test(resource))
    p.add(
      [...path, 'resource'],
      `must be a lower-case plural resource name, got ${JSON.stringify(resource)}`,
    );
  else plan.resource = resource;
  const types = listAt(p, cfg.eventTypes, [...path, 'eventTypes'], false);
  if (!types || types.length === 0) {
    p.add(
      [...path, 'eventTypes'],
      `event types must be specified: any of ${RESOURCE_EVENT_TYPES.join(', ')}`,
    );
  } else {
    const seen = new Set<ResourceEventType>();
    types.forEach((t, i) => {
      const v = oneOf(p, t, [...path, 'eventTypes', i], RESOURCE_EVENT_TYPES);
      if (v) seen.add(v);
    });
    plan.eventTypes = RESOURCE_EVENT_TYPES.filter((t) => seen.has(t));
  }
  readFilter(p, cfg.filter, [...path, 'filter'], plan);
  const metadata = readMetadata(p, cfg, path);
  if (metadata) plan.metadata = metadata;
  const cluster = stringAt(p, cfg.cluster, [...path, 'cluster'], false);
  if (cluster) plan.cluster = cluster;
  if (p.list.length > before) return undefined;
  return plan as ResourcePlan;
}

/** The collection path: /api/v1/namespaces/ns/configmaps, /apis/group/version/plural. */
export function collectionPath(plan: ResourcePlan): string {
  const root = plan.group ? `/apis/${plan.group}/${plan.version}` : `/api/${plan.version}`;
  const ns = plan.namespace ? `/namespaces/${encodeURIComponent(plan.namespace)}` : '';
  return `${root}${ns}/${plan.resource}`;
}
