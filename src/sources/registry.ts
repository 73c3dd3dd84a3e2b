// The one list of EventSource types Eventide runs. The worker (listener activities), the ingress
// (push routes), hook management, validation and the README's type table all read it; the
// EventSource workflow reads its plain-data twin, run-modes.ts (registry.test.ts keeps them equal).
// A new type is a folder under src/sources/ and a line here (and in run-modes.ts).
import type { ListenerDescriptor, PushDescriptor, SourceDescriptor } from './source-descriptor.js';
import { pushSource } from './source-descriptor.js';
import type { PushSourceType, SourceValidator } from './source-type.js';
import type { HookManager } from './hook-management/hook-manager.js';
import { webhookSource } from './webhook/webhook-source.js';
import { githubSource } from './github/github-source.js';
import { githubHookManager } from './github/github-hooks.js';
import { gitlabSource } from './gitlab/gitlab-source.js';
import { gitlabHookManager } from './gitlab/gitlab-hooks.js';
import { bitbucketServerSource } from './bitbucketserver/bitbucketserver-source.js';
import { bitbucketServerHookManager } from './bitbucketserver/bitbucketserver-hooks.js';
import { bitbucketSource } from './bitbucket/bitbucket-source.js';
import { bitbucketHookManager } from './bitbucket/bitbucket-hooks.js';
import { gerritSource } from './gerrit/gerrit-source.js';
import { gerritHookManager } from './gerrit/gerrit-hooks.js';
import { storageGridSource } from './storagegrid/storagegrid-source.js';
import { storageGridHookManager } from './storagegrid/storagegrid-registration.js';
import { slackSource } from './slack/slack-source.js';
import { stripeSource } from './stripe/stripe-source.js';
import { stripeHookManager } from './stripe/stripe-hook-manager.js';
import { snsSource } from './sns/sns-source.js';
import { calendarSource } from './calendar/calendar-source.js';
import { fileSource } from './file/file-source.js';
import { kafkaSource } from './kafka/kafka-source.js';
import { amqpSource } from './amqp/amqp-source.js';
import { mqttSource } from './mqtt/mqtt-source.js';
import { nsqSource } from './nsq/nsq-source.js';
import { natsSource } from './nats/nats-source.js';
import { redisSource } from './redis/redis-source.js';
import { redisStreamSource } from './redisStream/redis-stream-source.js';
import { sqsSource } from './sqs/sqs-source.js';
import { resourceSource } from './resource/resource-source.js';
import { pulsarSource } from './pulsar/pulsar-source.js';
import { genericSource } from './generic/generic-source.js';
import { azureQueueStorageSource } from './azureQueueStorage/azure-queue-storage-source.js';
import { azureEventsHubSource } from './azureEventsHub/azure-events-hub-source.js';
import { azureServiceBusSource } from './azureServiceBus/azure-service-bus-source.js';
import { minioSource } from './minio/minio-source.js';
import { hdfsSource } from './hdfs/hdfs-source.js';
import { pubSubSource } from './pubSub/pubsub-source.js';
import { sftpSource } from './sftp/sftp-source.js';

export const SOURCE_DESCRIPTORS: readonly SourceDescriptor[] = [
  pushSource(webhookSource),
  pushSource(githubSource, githubHookManager),
  pushSource(gitlabSource, gitlabHookManager),
  pushSource(bitbucketServerSource, bitbucketServerHookManager),
  pushSource(bitbucketSource, bitbucketHookManager),
  pushSource(gerritSource, gerritHookManager),
  pushSource(storageGridSource, storageGridHookManager),
  pushSource(slackSource),
  pushSource(stripeSource, stripeHookManager),
  pushSource(snsSource),
  calendarSource,
  fileSource,
  kafkaSource,
  amqpSource,
  mqttSource,
  nsqSource,
  natsSource,
  redisSource,
  redisStreamSource,
  sqsSource,
  resourceSource,
  pulsarSource,
  genericSource,
  azureQueueStorageSource,
  azureEventsHubSource,
  azureServiceBusSource,
  minioSource,
  hdfsSource,
  pubSubSource,
  sftpSource,
];

const BY_TYPE = new Map(SOURCE_DESCRIPTORS.map((d) => [d.type, d]));

export function sourceDescriptor(type: string): SourceDescriptor | undefined {
  return BY_TYPE.get(type);
}

export function pushSourceType(type: string): PushSourceType | undefined {
  const d = BY_TYPE.get(type);
  return d?.runMode === 'push' ? d.push : undefined;
}

export function listenerDescriptor(type: string): ListenerDescriptor | undefined {
  const d = BY_TYPE.get(type);
  return d?.runMode === 'listener' ? d : undefined;
}

export function sourceValidator(type: string): SourceValidator | undefined {
  return BY_TYPE.get(type)?.validate;
}

export function supportedSourceTypes(): string[] {
  return [...BY_TYPE.keys()].sort();
}

/** Hook management by EventSource type (spec key). */
export const HOOK_MANAGERS: ReadonlyMap<string, HookManager> = new Map(
  SOURCE_DESCRIPTORS.filter(
    (d): d is PushDescriptor & { hooks: HookManager } => d.runMode === 'push' && !!d.hooks,
  ).map((d) => [d.type, d.hooks]),
);

export { ARGO_SOURCE_TYPES, sourceTypesOf } from './spec-keys.js';
