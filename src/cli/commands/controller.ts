// eventide controller [-n NS | --all-namespaces]: reconciles the cluster's EventSource and Sensor
// objects (argoproj.io/v1alpha1) into Eventide, as `eventide apply` / `delete` would, and writes
// their status. Finds the cluster like the resource triggers (KUBECONFIG, in-cluster, ~/.kube)
// and Temporal like the other commands (TEMPORAL_ADDRESS). Ctrl-C or SIGTERM stops.
import { startController } from '../../controller/controller.js';
import { kubeWatcher } from '../../kubernetes/kube-watch.js';
import { CliError } from '../cli-error.js';
import { connectFromEnv } from '../temporal-target.js';

export async function runController(
  opts: { namespace?: string; allNamespaces?: boolean },
  out: (s: string) => void = console.log,
): Promise<void> {
  if (opts.namespace && opts.allNamespaces)
    throw new CliError('use either --namespace or --all-namespaces', 1);
  const namespace = opts.allNamespaces
    ? undefined
    : (opts.namespace ?? process.env.EVENTIDE_CONTROLLER_NAMESPACE ?? 'default');
  let watcher;
  try {
    watcher = await kubeWatcher();
  } catch (e) {
    throw new CliError(`cannot reach Kubernetes: ${(e as Error).message}`, 2);
  }
  const t = await connectFromEnv();
  const controller = startController({
    temporal: t.client,
    taskQueue: t.taskQueue,
    watcher,
    ...(namespace ? { namespace } : {}),
    log: (msg) => out(JSON.stringify({ level: 'info', component: 'controller', msg })),
  });
  out(
    `controller watching EventSources and Sensors in ${namespace ? `namespace ${namespace}` : 'all namespaces'}`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => void controller.stop().finally(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await t.connection.close();
}
