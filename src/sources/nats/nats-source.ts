// Argo's `nats` EventSource (plus Eventide's JetStream consumption): a listener per event.
import { listenerSource } from '../source-descriptor.js';
import { readNatsConfig } from './nats-config.js';
import { listenNats } from './nats-listener.js';

export const natsSource = listenerSource({ type: 'nats', readConfig: readNatsConfig, listen: listenNats });
