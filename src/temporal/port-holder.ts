// Is a TCP port free, and if not, which process holds it? Used to refuse a start that would
// otherwise attach to a stale server or fail on EADDRINUSE later. The holder is read from
// /proc/net/tcp{,6} (socket inode of the listener) and /proc/<pid>/fd (who owns that inode);
// it is best effort: another user's process shows as unknown.
import { createServer } from 'node:net';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** True when `host:port` can be bound right now. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

const TCP_LISTEN = '0A';

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      const state = cols[3];
      const inode = cols[9];
      if (!local || state !== TCP_LISTEN || !inode) continue;
      const hexPort = local.split(':').pop();
      if (hexPort && parseInt(hexPort, 16) === port) inodes.add(inode);
    }
  }
  return inodes;
}

interface PortHolder {
  pid: number;
  command: string;
}

/** The process listening on `port`, when this user can see it. */
function findPortHolder(port: number): PortHolder | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m?.[1] && inodes.has(m[1])) return { pid: Number(pid), command: commandOf(pid) };
    }
  }
  return undefined;
}

function commandOf(pid: string): string {
  try {
    // The program and its first two arguments only: later arguments may carry secrets.
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const shown = argv.slice(0, 3).map((a, i) => (i === 0 ? (a.split('/').pop() ?? a) : a));
    return `${shown.join(' ')}${argv.length > 3 ? ' …' : ''}`;
  } catch {
    return 'unknown command';
  }
}

/** "process 1234 (temporal server start-dev …)", or undefined when the holder is not visible. */
export function describePortHolder(port: number): string | undefined {
  const h = findPortHolder(port);
  return h ? `process ${h.pid} (${h.command})` : undefined;
}
