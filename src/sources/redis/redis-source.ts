// Argo's `redis` (pub/sub) EventSource: a listener per event.
import { listenerSource } from '../source-descriptor.js';
import { readRedisConfig } from './redis-config.js';
import { listenRedis } from './redis-listener.js';

export const redisSource = listenerSource({
  type: 'redis',
  readConfig: readRedisConfig,
  listen: listenRedis,
});
