// An Eventide worker (or ingress) in a child process, so fault tests can SIGKILL it mid-activity
// or mid-request and start another, as a crash and a redeploy would.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  /** resolves once the worker polls its task queue */
  ready: Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `nodeArgs` go to node itself (benchmarks pass `--cpu-prof`, which NODE_OPTIONS refuses). */
export function startWorkerProcess(address: string, env: Record<string, string> = {}, nodeArgs: string[] = []): WorkerProcess {
  return startEventideProcess('worker', 'worker polling task queue', address, env, [], nodeArgs);
}

/** `eventide ingress`; ready once it serves (its routes follow the applied EventSources). */
export function startIngressProcess(address: string, env: Record<string, string> = {}): WorkerProcess {
  return startEventideProcess('ingress', 'ingress serving', address, env, ['--refresh-ms', '300']);
}

function startEventideProcess(
  command: 'worker' | 'ingress',
  readyLine: string,
  address: string,
  env: Record<string, string>,
  args: string[] = [],
  nodeArgs: string[] = [],
): WorkerProcess {
  const child = spawn(process.execPath, [...nodeArgs, BIN, command, ...args], {
    env: { ...process.env, TEMPORAL_ADDRESS: address, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const onLine = (buf: Buffer) => {
      for (const line of buf.toString('utf8').split('\n')) {
        if (!line) continue;
        output.push(line);
        if (line.includes(readyLine)) resolve();
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('exit', (code, signal) =>
      reject(new Error(`${command} exited (${code ?? signal}) before it was ready:\n${output.join('\n')}`)),
    );
  });
  ready.catch(() => undefined);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    output,
    ready,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
