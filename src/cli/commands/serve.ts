// eventide worker / eventide ingress: the two halves of a production deployment, against the
// Temporal server named by TEMPORAL_ADDRESS (default 127.0.0.1:7233). Ctrl-C or SIGTERM stops.
import { startEventide } from '../../runtime/start-eventide.js';
import { serveUntilSignal } from '../serve-until-signal.js';
import { temporalSettingsFromEnv } from '../../temporal/config.js';
import { DEV_ADDRESS } from '../temporal-target.js';

export async function runWorker(out: (s: string) => void = console.log): Promise<void> {
  const s = temporalSettingsFromEnv();
  const running = await startEventide({
    address: s.address ?? DEV_ADDRESS,
    namespace: s.namespace,
    taskQueue: s.taskQueue,
    ingress: false,
  });
  out(
    `worker polling task queue ${running.taskQueue} on ${running.address} (namespace ${running.namespace})`,
  );
  await serveUntilSignal(running, out);
}

export async function runIngress(
  opts: { host: string; refreshMs: string },
  out: (s: string) => void = console.log,
): Promise<void> {
  const s = temporalSettingsFromEnv();
  const running = await startEventide({
    address: s.address ?? DEV_ADDRESS,
    namespace: s.namespace,
    taskQueue: s.taskQueue,
    worker: false,
    ingress: { host: opts.host, refreshMs: Number(opts.refreshMs) },
    log: (msg, fields) => out(JSON.stringify({ level: 'info', component: 'ingress', msg, ...fields })),
  });
  out(`ingress serving ${JSON.stringify(running.ingress?.listening() ?? [])} for ${running.address}`);
  await serveUntilSignal(running, out);
}
