// Debian's OpenSSH server (apt, .ci/install/00-apt.sh) run standalone in the foreground on a free
// loopback port, serving internal-sftp rooted at its own temp dir: a generated host key, a
// generated user key (authorized for the user running the tests) and no password logins.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, missingServer, startServer, tcpOpen, type ServerProcess } from './server-process.js';

const SSHD = '/usr/sbin/sshd';
const SSH_KEYGEN = '/usr/bin/ssh-keygen';

export interface Sshd {
  port: number;
  address: string;
  username: string;
  /** the user's private key (OpenSSH format) */
  privateKey: string;
  /** the server's host public key, one authorized_keys line */
  hostPublicKey: string;
  /** the directory SFTP sessions start in (and where tests put files) */
  root: string;
  server: ServerProcess;
  stop(): Promise<void>;
}

export function sshdMissing(): string | undefined {
  return missingServer('00-apt', [SSHD, SSH_KEYGEN]);
}

function keygen(path: string): void {
  execFileSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
}

export async function startSshd(): Promise<Sshd> {
  const port = await freePort();
  // sshd running as root refuses to start without its privilege separation directory
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
  let root = '';
  const server = await startServer({
    name: 'sshd',
    command: SSHD,
    prepare(dir) {
      root = join(dir, 'root');
      mkdirSync(root);
      keygen(join(dir, 'host_ed25519'));
      keygen(join(dir, 'client_ed25519'));
      writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_ed25519.pub')), { mode: 0o600 });
      writeFileSync(
        join(dir, 'sshd_config'),
        [
          `Port ${port}`,
          'ListenAddress 127.0.0.1',
          `HostKey ${join(dir, 'host_ed25519')}`,
          `PidFile ${join(dir, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'PubkeyAuthentication yes',
          'PermitRootLogin prohibit-password',
          'UsePAM no',
          // the key files sit in a world-writable temp dir
          'StrictModes no',
          'Subsystem sftp internal-sftp',
          `ForceCommand internal-sftp -d ${root}`,
          'AllowTcpForwarding no',
          'X11Forwarding no',
          '',
        ].join('\n'),
      );
    },
    args: (dir) => ['-D', '-e', '-f', join(dir, 'sshd_config')],
    ready: () => tcpOpen(port),
    readyTimeoutMs: 20_000,
  });
  return {
    port,
    address: `127.0.0.1:${port}`,
    username: userInfo().username,
    privateKey: readFileSync(join(server.dir, 'client_ed25519'), 'utf8'),
    hostPublicKey: readFileSync(join(server.dir, 'host_ed25519.pub'), 'utf8').trim(),
    root,
    server,
    stop: () => server.stop(),
  };
}
