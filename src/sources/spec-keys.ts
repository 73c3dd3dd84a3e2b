// The keys of an Argo EventSource spec: the event-source types Argo defines (whether or not
// Eventide runs them) and the settings that are not event definitions. Plain data.

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
const EVENTSOURCE_SETTINGS_KEYS = ['eventBusName', 'template', 'service', 'replicas'];

export function sourceTypesOf(spec: Record<string, unknown>): string[] {
  return Object.keys(spec).filter((k) => !EVENTSOURCE_SETTINGS_KEYS.includes(k));
}
