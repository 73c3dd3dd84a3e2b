// EventSource types Eventide knows, and which of them it can run. Push types are served by the
// ingress; the others (calendar, file) by the EventSource workflow.
import type { PushSourceType, SourceValidator } from './source-type.js';
import { webhookSource } from './webhook-source.js';
import { GIT_HOST_SOURCES } from './git-host-sources.js';
import { SAAS_SOURCES } from './saas-sources.js';
import { WORKFLOW_SOURCE_VALIDATORS } from './workflow-sources.js';

/** Push (HTTP) source types, served by the ingress. */
const PUSH_SOURCES: PushSourceType[] = [webhookSource, ...GIT_HOST_SOURCES, ...SAAS_SOURCES];

/** Source types run by the EventSource workflow itself, by their validators. */
const WORKFLOW_SOURCES: Record<string, SourceValidator> = WORKFLOW_SOURCE_VALIDATORS;

const PUSH = new Map(PUSH_SOURCES.map((t) => [t.type, t]));

export function pushSourceType(type: string): PushSourceType | undefined {
  return PUSH.get(type);
}

export function sourceValidator(type: string): SourceValidator | undefined {
  return PUSH.get(type)?.validate ?? WORKFLOW_SOURCES[type];
}

export function supportedSourceTypes(): string[] {
  return [...PUSH.keys(), ...Object.keys(WORKFLOW_SOURCES)].sort();
}

/** Argo's EventSource spec keys that hold event definitions. */
export const ARGO_SOURCE_TYPES = [
  'minio',
  'calendar',
  'file',
  'resource',
  'webhook',
  'amqp',
  'kafka',
  'mqtt',
  'nats',
  'sns',
  'sqs',
  'pubSub',
  'github',
  'gitlab',
  'hdfs',
  'slack',
  'storageGrid',
  'azureEventsHub',
  'stripe',
  'emitter',
  'redis',
  'nsq',
  'pulsar',
  'generic',
  'bitbucketserver',
  'bitbucket',
  'redisStream',
  'azureServiceBus',
  'azureQueueStorage',
  'sftp',
  'gerrit',
  'mns',
] as const;

/** Spec keys that are settings, not event definitions. */
export const EVENTSOURCE_SETTINGS_KEYS = ['eventBusName', 'template', 'service', 'replicas'];

export function sourceTypesOf(spec: Record<string, unknown>): string[] {
  return Object.keys(spec).filter((k) => !EVENTSOURCE_SETTINGS_KEYS.includes(k));
}
