// The argoproj.io/v1alpha1 shapes Eventide reads. Field names and meanings follow Argo Events'
// API so manifests apply unchanged; fields Eventide does not read are kept and passed through.

export const API_VERSION = 'argoproj.io/v1alpha1';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface SecretKeySelector {
  name: string;
  key: string;
  optional?: boolean;
}

// ---------- Sensor ----------

export interface SensorManifest {
  apiVersion: string;
  kind: 'Sensor';
  metadata: ObjectMeta;
  spec: SensorSpec;
}

export interface SensorSpec {
  dependencies: EventDependency[];
  triggers: Trigger[];
  [other: string]: unknown;
}

export type LogicalOperator = 'and' | 'or' | '';

export interface EventDependency {
  name: string;
  eventSourceName: string;
  eventName: string;
  filters?: EventDependencyFilter;
  transform?: { jq?: string; script?: string };
  filtersLogicalOperator?: LogicalOperator;
}

interface EventDependencyFilter {
  time?: { start: string; stop: string; timezone?: string };
  context?: Partial<EventContext>;
  data?: DataFilter[];
  exprs?: ExprFilter[];
  dataLogicalOperator?: LogicalOperator;
  exprLogicalOperator?: LogicalOperator;
  script?: string;
}

type JSONType = 'string' | 'number' | 'bool';
type Comparator = '>=' | '>' | '=' | '!=' | '<' | '<=' | '';

export interface DataFilter {
  path: string;
  type: JSONType;
  value: string[];
  comparator?: Comparator;
  template?: string;
}

export interface ExprFilter {
  expr: string;
  fields: { path: string; name: string }[];
}

export interface EventContext {
  id: string;
  source: string;
  specversion: string;
  type: string;
  datacontenttype: string;
  subject: string;
  time: string;
}

export interface Backoff {
  /** Go duration string, or an integer of nanoseconds as Argo's Int64OrString allows */
  duration?: string | number;
  factor?: string | number;
  jitter?: string | number;
  steps?: number;
}

interface RateLimit {
  unit?: 'Second' | 'Minute' | 'Hour';
  requestsPerUnit?: number;
}

export interface Trigger {
  template?: TriggerTemplate;
  parameters?: TriggerParameter[];
  policy?: { k8s?: Record<string, unknown>; status?: { allow: number[] } };
  retryStrategy?: Backoff;
  rateLimit?: RateLimit;
  atLeastOnce?: boolean;
  dlqTrigger?: Trigger;
}

interface TriggerTemplate {
  name: string;
  conditions?: string;
  conditionsReset?: { byTime?: { cron?: string; timezone?: string } }[];
  /** Eventide extension: how long an event is held for a dependency (Go duration). */
  correlationWindow?: string;
  [triggerType: string]: unknown;
}

type ParameterOperation = 'overwrite' | 'append' | 'prepend' | '';

export interface TriggerParameter {
  src?: TriggerParameterSource;
  dest: string;
  operation?: ParameterOperation;
}

export interface TriggerParameterSource {
  dependencyName: string;
  contextKey?: string;
  contextTemplate?: string;
  dataKey?: string;
  dataTemplate?: string;
  value?: string;
  useRawData?: boolean;
}

// ---------- EventSource ----------

export interface EventSourceManifest {
  apiVersion: string;
  kind: 'EventSource';
  metadata: ObjectMeta;
  spec: EventSourceSpec;
}

export interface EventSourceSpec {
  [sourceType: string]: unknown;
}

export type Manifest = SensorManifest | EventSourceManifest;

/** The namespace a manifest lives in: Argo's default when metadata.namespace is absent. */
export function namespaceOf(m: { metadata: ObjectMeta }): string {
  return m.metadata.namespace && m.metadata.namespace !== '' ? m.metadata.namespace : 'default';
}
