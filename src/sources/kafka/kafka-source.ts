// Argo's `kafka` EventSource: a consumer-group listener per event.
import { listenerSource } from '../source-descriptor.js';
import { readKafkaConfig } from './kafka-config.js';
import { listenKafka } from './kafka-listener.js';

export const kafkaSource = listenerSource({
  type: 'kafka',
  readConfig: readKafkaConfig,
  listen: listenKafka,
});
