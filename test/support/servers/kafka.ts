// Apache Kafka 4.4 (KRaft: broker and controller in one JVM) on free loopback ports, from the jars
// .ci/install/kafka.sh caches. One broker per test file: format a fresh log dir, start, stop by PID.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  freePort,
  missingServer,
  serverCacheDir,
  startServer,
  tcpOpen,
  type ServerProcess,
} from './server-process.js';

const KAFKA_DIR = serverCacheDir('kafka-4.4.0');
const LIB = join(KAFKA_DIR, 'lib');
const LOG_CONFIG = `-Dlog4j2.configurationFile=${join(KAFKA_DIR, 'log4j2.yaml')}`;

export interface KafkaBroker {
  /** host:port, as Argo's `url` takes it */
  url: string;
  port: number;
  server: ServerProcess;
  stop(): Promise<void>;
}

/** undefined (and the reason) when Kafka is not installed; see missingServer. */
export function kafkaMissing(): string | undefined {
  return missingServer('kafka', [join(LIB, '.complete')]);
}

function serverProperties(dir: string, port: number, controllerPort: number, autoCreate: boolean): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(dir, 'data')}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    `auto.create.topics.enable=${autoCreate}`,
    '',
  ].join('\n');
}

/** Starts a broker; `autoCreateTopics: false` makes producing to an absent topic fail. */
export async function startKafka(
  opts: { autoCreateTopics?: boolean; port?: number; dir?: string } = {},
): Promise<KafkaBroker> {
  const port = opts.port ?? (await freePort());
  const controllerPort = await freePort();
  const server = await startServer({
    name: 'kafka',
    command: 'java',
    args: (dir) => [
      '-Xmx512m',
      '-XX:+UseSerialGC',
      LOG_CONFIG,
      '-cp',
      `${LIB}/*`,
      'kafka.Kafka',
      join(dir, 'server.properties'),
    ],
    ...(opts.dir ? { dir: opts.dir } : {}),
    prepare: (dir) => {
      writeFileSync(
        join(dir, 'server.properties'),
        serverProperties(dir, port, controllerPort, opts.autoCreateTopics ?? true),
      );
      // A restart on the same dir keeps its formatted log dir (and its topics).
      try {
        execFileSync(
          'java',
          [
            LOG_CONFIG,
            '-cp',
            `${LIB}/*`,
            'kafka.tools.StorageTool',
            'format',
            '-t',
            randomUUID().replace(/-/g, '').slice(0, 22),
            '-c',
            join(dir, 'server.properties'),
            '--ignore-formatted',
          ],
          { stdio: 'pipe' },
        );
      } catch (e) {
        throw new Error(`kafka storage format failed: ${String((e as { stderr?: Buffer }).stderr ?? e)}`);
      }
    },
    ready: () => tcpOpen(port),
    readyTimeoutMs: 120_000,
  });
  return { url: `127.0.0.1:${port}`, port, server, stop: () => server.stop() };
}
