// The process logger (pino): JSON lines on stderr, levels from EVENTIDE_LOG_LEVEL (trace, debug,
// info (default), warn, error), readable lines instead of JSON on a terminal unless
// EVENTIDE_LOG_FORMAT=json (EVENTIDE_LOG_FORMAT=pretty forces them). Components log through a
// child: logger.child({ component: 'ingress' }).
import { pino, type Logger } from 'pino';
import { prettyStream } from './pretty-stream.js';

export type { Logger } from 'pino';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

function logLevelFrom(env: NodeJS.ProcessEnv = process.env): string {
  const level = (env.EVENTIDE_LOG_LEVEL ?? 'info').toLowerCase();
  return LEVELS.has(level) ? level : 'info';
}

function pretty(env: NodeJS.ProcessEnv): boolean {
  const format = env.EVENTIDE_LOG_FORMAT?.toLowerCase();
  if (format === 'json') return false;
  return format === 'pretty' || process.stderr.isTTY === true;
}

function createLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  const options = { level: logLevelFrom(env), base: undefined };
  return pretty(env) ? pino(options, prettyStream(process.stderr)) : pino(options, pino.destination(2));
}

let root: Logger | undefined;

/** The shared process logger, created on first use. */
export function logger(): Logger {
  root ??= createLogger();
  return root;
}

/** A `(msg, fields)` log function at `level` for a component (what the ingress and others take). */
export function logFunction(
  component: string,
  level: 'debug' | 'info' | 'warn' | 'error' = 'info',
): (msg: string, fields?: Record<string, unknown>) => void {
  const child = logger().child({ component });
  return (msg, fields) => child[level](fields ?? {}, msg);
}

/** Replaces the process logger (an embedding program's own pino, or a test's). */
export function useLogger(l: Logger): void {
  root = l;
}
