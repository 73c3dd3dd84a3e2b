// Argo's `azureServiceBus` EventSource: a listener per event, on one queue or topic subscription.
import { listenerSource } from '../source-descriptor.js';
import { readAzureServiceBusConfig } from './azure-service-bus-config.js';
import { listenAzureServiceBus } from './azure-service-bus-listener.js';

export const azureServiceBusSource = listenerSource({
  type: 'azureServiceBus',
  readConfig: readAzureServiceBusConfig,
  listen: listenAzureServiceBus,
});
