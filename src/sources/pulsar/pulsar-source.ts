// Argo's `pulsar` EventSource: a listener per event, through Pulsar's WebSocket consumer API,
// messages acked after the Sensors accepted them.
import { listenerSource } from '../source-descriptor.js';
import { readPulsarConfig } from './pulsar-config.js';
import { listenPulsar } from './pulsar-listener.js';

export const pulsarSource = listenerSource({ type: 'pulsar', readConfig: readPulsarConfig, listen: listenPulsar });
