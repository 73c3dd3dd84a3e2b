// Argo's `redisStream` EventSource: a listener per event, acking entries after delivery.
import { listenerSource } from '../source-descriptor.js';
import { readRedisStreamConfig } from './redis-stream-config.js';
import { listenRedisStream } from './redis-stream-listener.js';

export const redisStreamSource = listenerSource({
  type: 'redisStream',
  readConfig: readRedisStreamConfig,
  listen: listenRedisStream,
});
