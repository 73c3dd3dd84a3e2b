// RabbitMQ (Debian package, installed by .ci/install/00-apt.sh) run in the foreground from its
// real start script (the /usr/sbin wrapper switches user and directory), with its own data dir,
// Erlang cookie home, node name and loopback-only AMQP, distribution and epmd ports. The epmd it
// starts outlives the broker, so stop() kills it by the PID listening on its port.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, missingServer, startServer, tcpOpen, type ServerProcess } from './server-process.js';

const RABBITMQ = '/usr/lib/rabbitmq/bin/rabbitmq-server';

export interface RabbitMq {
  /** amqp://guest:guest@127.0.0.1:<port> (guest is allowed from loopback) */
  url: string;
  port: number;
  server: ServerProcess;
  stop(): Promise<void>;
}

export function rabbitMqMissing(): string | undefined {
  return missingServer('rabbitmq', [RABBITMQ]);
}

function pidListeningOn(port: number): number | undefined {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function startRabbitMq(): Promise<RabbitMq> {
  const port = await freePort();
  const distPort = await freePort();
  const epmdPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'eventide-rabbitmq-'));
  for (const sub of ['home', 'mnesia', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(
    join(dir, 'rabbitmq.conf'),
    `listeners.tcp.1 = 127.0.0.1:${port}\nloopback_users.guest = true\nlog.console = true\nlog.console.level = warning\nlog.file = false\n`,
  );
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  const erlArgs = '-kernel inet_dist_use_interface {127,0,0,1}';
  const killEpmd = () => {
    const epmd = pidListeningOn(epmdPort);
    if (epmd) process.kill(epmd, 'SIGTERM');
  };
  let server: ServerProcess;
  try {
    server = await startServer({
      name: 'rabbitmq',
      command: RABBITMQ,
      args: [],
      dir,
      env: {
        HOME: join(dir, 'home'), // the .erlang.cookie goes here
        RABBITMQ_NODENAME: `eventide${port}@localhost`,
        RABBITMQ_USE_LONGNAME: 'false',
        RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
        RABBITMQ_NODE_PORT: String(port),
        RABBITMQ_DIST_PORT: String(distPort),
        ERL_EPMD_ADDRESS: '127.0.0.1',
        ERL_EPMD_PORT: String(epmdPort),
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: erlArgs,
        RABBITMQ_CTL_ERL_ARGS: erlArgs,
        RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
        RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
        RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
        RABBITMQ_LOG_BASE: join(dir, 'log'),
        RABBITMQ_PID_FILE: join(dir, 'rabbit.pid'),
      },
      ready: () => tcpOpen(port),
      // A fresh node takes ~12 s here, over a minute on a loaded machine.
      readyTimeoutMs: 180_000,
    });
  } catch (e) {
    killEpmd();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const stop = async () => {
    await server.stop();
    killEpmd();
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `amqp://guest:guest@127.0.0.1:${port}`, port, server, stop };
}
