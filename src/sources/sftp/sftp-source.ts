// Argo's `sftp` EventSource: a listener per event, polling one directory on an SFTP server.
import { listenerSource } from '../source-descriptor.js';
import { readSftpConfig } from './sftp-config.js';
import { listenSftp } from './sftp-listener.js';

export const sftpSource = listenerSource({ type: 'sftp', readConfig: readSftpConfig, listen: listenSftp });
