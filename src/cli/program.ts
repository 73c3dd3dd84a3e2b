// The eventide command tree (commander). Built apart from main.ts so tests can read every
// command and option (the README's CLI table is checked against it) without running one.
import { Command } from 'commander';
import { createRequire } from 'node:module';

// Commands are loaded when run, so `eventide validate` does not load the Temporal SDK.

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('eventide')
    .description(
      'Argo Events on Temporal: event sources, sensors and triggers with durable correlation and audit',
    )
    .version((createRequire(import.meta.url)('../../package.json') as { version: string }).version)
    .showHelpAfterError()
    .exitOverride();

  program
    .command('dev')
    .description('run everything on an embedded Temporal dev server and apply the manifests in --config')
    .option('-c, --config <dir>', 'directory of manifests to apply', 'config')
    .option(
      '--data-dir <dir>',
      'keep the dev server state here (default: $EVENTIDE_DATA_DIR, else $XDG_DATA_HOME/eventide, else ~/.local/share/eventide)',
    )
    .option(
      '--db-filename <file>',
      'keep the dev server state in this SQLite file instead of <data-dir>/dev-<port>.sqlite',
    )
    .option('--ephemeral', 'keep nothing: the dev server state is gone when it stops')
    .option('--port <port>', 'Temporal gRPC port of the embedded dev server', '7233')
    .option('--ui-port <port>', 'Temporal Web UI port (default: gRPC port + 1000)')
    .option('--ingress-host <host>', 'interface the webhook ingress binds', '0.0.0.0')
    .option(
      '--dashboard-port <port>',
      'port of the web dashboard (default 7380, or a free one when 7380 is taken; 0 picks a free one)',
    )
    .option('--dashboard-host <host>', 'interface the web dashboard binds', '127.0.0.1')
    .option('--no-dashboard', 'do not serve the web dashboard')
    .action(async (opts) => (await import('./commands/dev.js')).runDev(opts));

  program
    .command('dashboard')
    .description(
      'serve the read-only web dashboard (Sensors, EventSources, decisions, events) for TEMPORAL_ADDRESS',
    )
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '7380')
    .option(
      '--temporal-ui <url>',
      'Temporal Web UI base URL for links to workflows (default: $TEMPORAL_UI_URL)',
    )
    .action(async (opts) => (await import('./commands/dashboard.js')).runDashboard(opts));

  program
    .command('worker')
    .description(
      'run a worker (Sensor and EventSource workflows, trigger activities) against TEMPORAL_ADDRESS',
    )
    .action(async () => (await import('./commands/serve.js')).runWorker());

  program
    .command('ingress')
    .description('serve the webhook endpoints of every applied EventSource, delivering to TEMPORAL_ADDRESS')
    .option('--host <host>', 'interface to bind', '0.0.0.0')
    .option('--refresh-ms <ms>', 'how often to re-read EventSources and Sensors', '2000')
    .action(async (opts) => (await import('./commands/serve.js')).runIngress(opts));

  program
    .command('controller')
    .description(
      'reconcile EventSource and Sensor objects of a Kubernetes cluster into Eventide, with status',
    )
    .option('-n, --namespace <ns>', 'namespace to watch (default: EVENTIDE_CONTROLLER_NAMESPACE or default)')
    .option('-A, --all-namespaces', 'watch every namespace')
    .action(async (opts) => (await import('./commands/controller.js')).runController(opts));

  program
    .command('apply')
    .description('validate and apply Sensor and EventSource manifests (files or directories)')
    .requiredOption('-f, --filename <path...>', 'manifest file or directory')
    .option('--strict', 'treat warnings (unknown fields) as errors')
    .action(async (opts) =>
      (await import('./commands/apply.js')).runApply(opts.filename, console.log, { strict: opts.strict }),
    );

  program
    .command('validate')
    .description('check manifests without applying them; problems are printed as file:line: field: message')
    .requiredOption('-f, --filename <path...>', 'manifest file or directory')
    .option('--strict', 'treat warnings (unknown fields) as errors')
    .action(async (opts) =>
      (await import('./commands/validate.js')).runValidate(opts.filename, console.log, {
        strict: opts.strict,
      }),
    );

  program
    .command('get')
    .description('list sensors or eventsources with their status (last event, fires, failures, held)')
    .argument('<resource>', 'sensors | eventsources')
    .option('-n, --namespace <ns>', 'only this namespace')
    .option('-o, --output <format>', 'json | yaml | wide')
    .action(async (resource, opts) => (await import('./commands/get.js')).runGet(resource, opts));

  program
    .command('delete')
    .description('delete a sensor or an eventsource')
    .argument('<resource>', 'sensor | eventsource')
    .argument('<name>')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .action(async (resource, name, opts) =>
      (await import('./commands/delete.js')).runDelete(resource, name, opts),
    );

  program
    .command('simulate')
    .description("dry-run a Sensor over a file of CloudEvents (JSON Lines): why did or didn't it fire?")
    .requiredOption('-f, --filename <file>', 'the Sensor manifest')
    .requiredOption('--events <file>', 'CloudEvents, one JSON object per line')
    .option('--human', 'print a readable report instead of JSON Lines')
    .action(async (opts) => (await import('./commands/simulate.js')).runSimulate(opts));

  program
    .command('explain')
    .description('every decision a Sensor made, rebuilt from its Temporal history')
    .argument('<resource>', 'sensor')
    .argument('<name>')
    .option('-n, --namespace <ns>', 'namespace', 'default')
    .option(
      '--since <time>',
      'only decisions from this time (RFC 3339) or this long ago (Go duration, e.g. 15m)',
    )
    .option('-o, --output <format>', 'json')
    .action(async (resource, name, opts) =>
      (await import('./commands/explain.js')).runExplain(resource, name, opts),
    );

  program
    .command('replay')
    .description('replay stored Sensor histories (JSON) against this code; exit 1 on a determinism violation')
    .argument('<history...>', 'history JSON files')
    .action(async (paths) => (await import('./commands/replay.js')).runReplay(paths));

  return program;
}
