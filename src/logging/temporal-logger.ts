// The Temporal SDK's worker logs through pino. A failed trigger attempt is logged by Eventide
// itself (one line when it gives up, see activities/run-trigger.ts), so the SDK's per-attempt
// "Activity failed" warning with its stack trace goes to debug; other errors keep their message
// and lose the stack unless the level is debug.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

function withoutStack(meta: LogMetadata | undefined, keepStack: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...meta };
  const err = meta?.error;
  if (err instanceof Error) out.error = keepStack ? (err.stack ?? err.message) : err.message;
  return out;
}

export function temporalLogger(log: Logger, minLevel: LogLevel = 'WARN'): TemporalLogger {
  const child = log.child({ component: 'temporal' });
  const order: LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
  const floor = order.indexOf(minLevel);
  const impl: TemporalLogger = {
    log(level, message, meta) {
      let target = level;
      if (message === 'Activity failed' && meta?.activityType === 'runTrigger') target = 'DEBUG';
      // EVENTIDE_WORKER_LOG_LEVEL keeps its meaning: SDK messages below it are dropped.
      if (order.indexOf(target) < floor && !child.isLevelEnabled('debug')) return;
      const pinoLevel = PINO_LEVEL[target];
      child[pinoLevel](withoutStack(meta, child.isLevelEnabled('debug')), message);
    },
    trace: (m, meta) => impl.log('TRACE', m, meta),
    debug: (m, meta) => impl.log('DEBUG', m, meta),
    info: (m, meta) => impl.log('INFO', m, meta),
    warn: (m, meta) => impl.log('WARN', m, meta),
    error: (m, meta) => impl.log('ERROR', m, meta),
  };
  return impl;
}
