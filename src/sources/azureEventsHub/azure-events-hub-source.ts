// Argo's `azureEventsHub` EventSource: a listener per event, reading every partition of one hub.
import { listenerSource } from '../source-descriptor.js';
import { readAzureEventsHubConfig } from './azure-events-hub-config.js';
import { listenAzureEventsHub } from './azure-events-hub-listener.js';

export const azureEventsHubSource = listenerSource({
  type: 'azureEventsHub',
  readConfig: readAzureEventsHubConfig,
  listen: listenAzureEventsHub,
});
