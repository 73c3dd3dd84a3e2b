// Argo's `mqtt` EventSource: a listener per event, QoS 1 on a persistent session.
import { listenerSource } from '../source-descriptor.js';
import { readMqttConfig } from './mqtt-config.js';
import { listenMqtt } from './mqtt-listener.js';

export const mqttSource = listenerSource({ type: 'mqtt', readConfig: readMqttConfig, listen: listenMqtt });
