// Argo's `connectionBackoff` (a k8s wait.Backoff: duration, factor, jitter, steps): the one reader
// every broker EventSource uses (amqp, kafka, mqtt, nats, nsq, pulsar, redis, redisStream), and
// the connect loop the push consumers run with it. Defaults are Argo's (pkg/shared/util/retry.go):
// 1 s, factor 1, jitter 1, 5 steps, each absent field defaulted on its own; steps 0 means the default.
import { backoffDurationMs } from '../../engine/retry-policy.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { numberAt, objectAt } from '../../vocabulary/shape-checks.js';
import type { ListenerContext } from './listener-source.js';

export interface BackoffPlan {
  durationMs: number;
  /** growth per attempt; Argo takes 0 as no growth */
  factor: number;
  jitter: number;
  /** attempts before the listener gives up and lets Temporal restart it */
  steps: number;
}

export const DEFAULT_BACKOFF: BackoffPlan = { durationMs: 1000, factor: 1, jitter: 1, steps: 5 };

/**
 * Reads `v` (the connectionBackoff value) at `path`. Always returns a plan (defaults for what is
 * absent or wrong); problems go to `p`, so callers decide by p's count whether the config stands.
 */
export function readBackoff(p: Problems, v: unknown, path: PathSegment[]): BackoffPlan {
  const b = objectAt(p, v, path, false);
  if (!b) return DEFAULT_BACKOFF;
  let durationMs = DEFAULT_BACKOFF.durationMs;
  if (b.duration !== undefined && b.duration !== null) {
    if (typeof b.duration !== 'string' && typeof b.duration !== 'number')
      p.add([...path, 'duration'], 'must be a duration like "10s" or a number of nanoseconds');
    else {
      try {
        // Argo's Int64OrString: a number (or a string of digits) is nanoseconds.
        durationMs = backoffDurationMs(b.duration) ?? durationMs;
      } catch (e) {
        p.add([...path, 'duration'], e instanceof Error ? e.message : String(e));
      }
    }
  }
  return {
    durationMs,
    factor: numberAt(p, b.factor, [...path, 'factor'], { min: 0 }) ?? DEFAULT_BACKOFF.factor,
    jitter: numberAt(p, b.jitter, [...path, 'jitter'], { min: 0 }) ?? DEFAULT_BACKOFF.jitter,
    steps: numberAt(p, b.steps, [...path, 'steps'], { integer: true, min: 0 }) || DEFAULT_BACKOFF.steps,
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Connects with Argo's connectionBackoff, logging why each attempt failed (secret-free: client
 * errors name hosts, not passwords). After the last step the error propagates and Temporal
 * restarts the listener with its own backoff, so a broker that comes back is picked up.
 */
export async function connectWithBackoff<T>(
  ctx: Pick<ListenerContext<unknown, unknown>, 'sleep' | 'log' | 'eventName'>,
  what: string,
  b: BackoffPlan,
  connect: () => Promise<T>,
): Promise<T> {
  let delay = b.durationMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (e) {
      if (attempt >= b.steps) throw e;
      ctx.log.warn(`${what}: cannot connect, not consuming; retrying`, { event: ctx.eventName, attempt, error: message(e) });
      await ctx.sleep(delay * (1 + Math.random() * b.jitter));
      delay *= b.factor || 1;
    }
  }
}
