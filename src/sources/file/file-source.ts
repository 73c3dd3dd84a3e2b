// Argo's `file` EventSource: a listener per event, watching one directory.
import { listenerSource } from '../source-descriptor.js';
import { readFileConfig } from './file-config.js';
import { listenFiles } from './file-listener.js';

export const fileSource = listenerSource({ type: 'file', readConfig: readFileConfig, listen: listenFiles });
