// Argo's `azureQueueStorage` EventSource: a listener per event, consuming one storage queue.
import { listenerSource } from '../source-descriptor.js';
import { readAzureQueueStorageConfig } from './azure-queue-storage-config.js';
import { listenAzureQueueStorage } from './azure-queue-storage-listener.js';

export const azureQueueStorageSource = listenerSource({
  type: 'azureQueueStorage',
  readConfig: readAzureQueueStorageConfig,
  listen: listenAzureQueueStorage,
});
