// Argo's `minio` EventSource: a listener per event, on MinIO's bucket notification stream.
import { listenerSource } from '../source-descriptor.js';
import { readMinioConfig } from './minio-config.js';
import { listenMinio } from './minio-listener.js';

export const minioSource = listenerSource({
  type: 'minio',
  readConfig: readMinioConfig,
  listen: listenMinio,
});
