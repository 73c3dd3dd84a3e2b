// Between Kubernetes objects and Eventide manifests: an EventSource or Sensor object read from the
// API server is turned into the manifest `eventide apply` would read (server-set metadata
// dropped), validated by the same code as `eventide validate`, and its outcome written back as
// Argo-style status conditions.
import { stringify } from 'yaml';
import { validateText } from '../manifest/validate-manifest.js';
import type { KubeObject } from '../kubernetes/kube-object.js';
import type { Manifest } from '../vocabulary/manifest-types.js';
import type { ResourceKind } from '../control/resources.js';

/** Marks what the controller applied, so a resync deletes only those when their object is gone. */
export const MANAGED_ANNOTATION = 'eventide.dev/managed-by';
export const MANAGED_BY = 'eventide-controller';

export const CONTROLLED_KINDS: readonly { kind: ResourceKind; plural: string }[] = [
  // EventSources first, so their routes exist by the time Sensors subscribe (as `eventide apply`).
  { kind: 'EventSource', plural: 'eventsources' },
  { kind: 'Sensor', plural: 'sensors' },
];

export interface Condition {
  type: 'Deployed';
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

export interface ObjectRef {
  kind: ResourceKind;
  namespace: string;
  name: string;
}

export const refOf = (kind: ResourceKind, o: KubeObject): ObjectRef => ({
  kind,
  namespace: o.metadata?.namespace ?? 'default',
  name: o.metadata?.name ?? '',
});

export const keyOf = (r: ObjectRef): string => `${r.kind}/${r.namespace}/${r.name}`;

/** What the user wrote: apiVersion, kind, name, namespace, labels, annotations, spec. */
function userManifest(kind: ResourceKind, o: KubeObject): Record<string, unknown> {
  const m = o.metadata ?? {};
  const annotations = { ...(m.annotations ?? {}) };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const metadata: Record<string, unknown> = { name: m.name, namespace: m.namespace ?? 'default' };
  if (m.labels && Object.keys(m.labels).length > 0) metadata.labels = m.labels;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { apiVersion: o.apiVersion, kind, metadata, spec: o.spec };
}

export type Checked = { ok: true; manifest: Manifest } | { ok: false; problems: string[] };

/** Validates exactly as `eventide validate` does; problems are `field.path: message`. */
export function checkObject(kind: ResourceKind, o: KubeObject): Checked {
  const ref = refOf(kind, o);
  const r = validateText(
    `${kind.toLowerCase()}/${ref.namespace}/${ref.name}`,
    stringify(userManifest(kind, o)),
  );
  if (r.problems.length > 0) {
    return { ok: false, problems: r.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)) };
  }
  const manifest = r.valid[0]?.manifest;
  if (!manifest) return { ok: false, problems: ['no manifest read'] };
  manifest.metadata.annotations = {
    ...(manifest.metadata.annotations ?? {}),
    [MANAGED_ANNOTATION]: MANAGED_BY,
  };
  return { ok: true, manifest };
}

export function deployedCondition(status: 'True' | 'False', reason: string, message: string): Condition {
  return { type: 'Deployed', status, reason, message, lastTransitionTime: new Date().toISOString() };
}

interface ObjectStatus {
  observedGeneration?: number;
  conditions?: Condition[];
}

export function statusOf(o: KubeObject): ObjectStatus {
  const s = o.status;
  return typeof s === 'object' && s !== null ? (s as ObjectStatus) : {};
}

export function generationOf(o: KubeObject): number | undefined {
  const g = (o.metadata as { generation?: unknown } | undefined)?.generation;
  return typeof g === 'number' ? g : undefined;
}
