// Keeps a long-running command (dev, worker, ingress) up until Ctrl-C / SIGTERM or until its
// worker stops, then shuts everything down in order.
import type { RunningEventide } from '../runtime/start-eventide.js';

export async function serveUntilSignal(running: RunningEventide, out: (s: string) => void): Promise<void> {
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      out('stopping…');
      running.stop().then(resolve, resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    running.workerDone.then(stop, (e) => {
      out(`worker stopped: ${(e as Error).message}`);
      stop();
    });
  });
}
