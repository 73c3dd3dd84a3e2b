// Argo's `generic` EventSource: a listener per event, streaming from the user's gRPC server.
import { listenerSource } from '../source-descriptor.js';
import { readGenericConfig } from './generic-config.js';
import { listenGeneric } from './generic-listener.js';

export const genericSource = listenerSource({
  type: 'generic',
  readConfig: readGenericConfig,
  listen: listenGeneric,
});
