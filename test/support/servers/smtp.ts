// aiosmtpd on a free loopback port writing each received mail into a Maildir (install:
// .ci/install/aiosmtpd.sh). `messages()` reads what arrived, raw RFC 822 text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, missingServer, serverCacheDir, startServer, tcpOpen, type ServerProcess } from './server-process.js';

const PYTHON = serverCacheDir('aiosmtpd', 'venv', 'bin', 'python');

export interface SmtpCapture {
  port: number;
  messages(): string[];
  server: ServerProcess;
  stop(): Promise<void>;
}

export function smtpMissing(): string | undefined {
  return missingServer('aiosmtpd', [PYTHON]);
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const port = await freePort();
  const server = await startServer({
    name: 'aiosmtpd',
    command: PYTHON,
    args: (dir) => ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', join(dir, 'maildir')],
    ready: () => tcpOpen(port),
  });
  const inbox = join(server.dir, 'maildir', 'new');
  return {
    port,
    messages: () => {
      try {
        return readdirSync(inbox).sort().map((f) => readFileSync(join(inbox, f), 'utf8'));
      } catch {
        return [];
      }
    },
    server,
    stop: () => server.stop(),
  };
}
