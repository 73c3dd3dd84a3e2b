// Argo's `pubSub` EventSource (GCP Pub/Sub): a listener per event, consuming one subscription.
import { listenerSource } from '../source-descriptor.js';
import { readPubSubConfig } from './pubsub-config.js';
import { listenPubSub } from './pubsub-listener.js';

export const pubSubSource = listenerSource({ type: 'pubSub', readConfig: readPubSubConfig, listen: listenPubSub });
