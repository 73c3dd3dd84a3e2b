// Kubernetes objects as plain JSON, and the few metadata accessors the triggers need.

export interface ObjectMetadata {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  [other: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMetadata;
  [other: string]: unknown;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function metadataOf(obj: KubeObject): ObjectMetadata {
  if (!isPlainObject(obj.metadata)) obj.metadata = {};
  return obj.metadata;
}

/** Adds labels, creating metadata.labels when absent. */
export function addLabels(obj: KubeObject, labels: Record<string, string>): void {
  const meta = metadataOf(obj);
  meta.labels = { ...(isPlainObject(meta.labels) ? meta.labels : {}), ...labels };
}

/** "Workflow default/hello-abc12" (or the generateName prefix before the server names it). */
export function describeObject(obj: KubeObject): string {
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  const name = meta.name || (meta.generateName ? `${meta.generateName}*` : '<no name>');
  return `${obj.kind ?? '<no kind>'} ${meta.namespace ? `${meta.namespace}/` : ''}${name}`;
}

/** Label values: at most 63 characters, alphanumerics with -_. inside. */
export function isValidLabelValue(v: string): boolean {
  return v.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(v);
}
