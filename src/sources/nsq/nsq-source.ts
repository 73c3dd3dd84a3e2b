// Argo's `nsq` EventSource: a listener per event, messages FINished after the Sensors accepted.
import { listenerSource } from '../source-descriptor.js';
import { readNsqConfig } from './nsq-config.js';
import { listenNsq } from './nsq-listener.js';

export const nsqSource = listenerSource({ type: 'nsq', readConfig: readNsqConfig, listen: listenNsq });
