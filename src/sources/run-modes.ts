// How each EventSource type runs, as plain data: the EventSource workflow imports this (its
// sandbox must not load the descriptors, which use Node), everything else reads registry.ts.
// test/unit/sources/registry.test.ts fails when the two disagree.
export type RunMode = 'push' | 'listener' | 'timers';

export const RUN_MODES = {
  webhook: 'push',
  github: 'push',
  gitlab: 'push',
  bitbucketserver: 'push',
  bitbucket: 'push',
  gerrit: 'push',
  storageGrid: 'push',
  slack: 'push',
  stripe: 'push',
  sns: 'push',
  calendar: 'timers',
  file: 'listener',
  kafka: 'listener',
  amqp: 'listener',
  mqtt: 'listener',
  nsq: 'listener',
  nats: 'listener',
  redis: 'listener',
  redisStream: 'listener',
  sqs: 'listener',
  resource: 'listener',
  pulsar: 'listener',
  generic: 'listener',
  azureQueueStorage: 'listener',
  azureEventsHub: 'listener',
  azureServiceBus: 'listener',
  minio: 'listener',
  hdfs: 'listener',
  pubSub: 'listener',
  sftp: 'listener',
} as const satisfies Record<string, RunMode>;

/** The types that run with the given mode, in RUN_MODES order. */
export function typesRunAs(mode: RunMode): string[] {
  return Object.entries(RUN_MODES)
    .filter(([, m]) => m === mode)
    .map(([t]) => t);
}
