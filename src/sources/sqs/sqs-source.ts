// Argo's `sqs` EventSource: a listener per event, consuming one queue.
import { listenerSource } from '../source-descriptor.js';
import { readSqsConfig } from './sqs-config.js';
import { listenSqs } from './sqs-listener.js';

export const sqsSource = listenerSource({ type: 'sqs', readConfig: readSqsConfig, listen: listenSqs });
