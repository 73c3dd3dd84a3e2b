// The `azureEventHubs` trigger type (Argo's): one event per fire on a producer kept per
// (namespace, hub, key references), closed on worker shutdown.
import type { EventHubProducerClient } from '@azure/event-hubs';
import { defineTriggerType } from '../trigger-type.js';
import { validateAzureEventHubs } from './rules.js';
import { azureEventHubsTrigger, eventHubsProducerKey, openEventHubsProducer } from './execute.js';

export const azureEventHubsTriggerType = defineTriggerType<EventHubProducerClient>({
  type: 'azureEventHubs',
  validate: validateAzureEventHubs,
  connection: { key: eventHubsProducerKey, open: openEventHubsProducer, close: (p) => p.close() },
  execute: azureEventHubsTrigger,
});
