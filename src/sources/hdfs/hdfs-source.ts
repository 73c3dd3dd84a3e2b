// Argo's `hdfs` EventSource: a listener per event, polling one HDFS directory through WebHDFS.
import { listenerSource } from '../source-descriptor.js';
import { readHdfsConfig } from './hdfs-config.js';
import { listenHdfs } from './hdfs-listener.js';

export const hdfsSource = listenerSource({ type: 'hdfs', readConfig: readHdfsConfig, listen: listenHdfs });
