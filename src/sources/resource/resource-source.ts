// Argo's `resource` EventSource: a listener per event, watching one Kubernetes collection.
import { listenerSource } from '../source-descriptor.js';
import { readResourceConfig } from './resource-config.js';
import { listenResources } from './resource-listener.js';

export const resourceSource = listenerSource({
  type: 'resource',
  readConfig: readResourceConfig,
  listen: listenResources,
});
