// Argo's `connectionBackoff` (duration, factor, jitter, steps) as a plain plan for reconnecting.
// Defaults are Argo's (pkg/shared/util/retry.go): 1 s, factor 1, jitter 1, 5 steps, each field
// defaulted on its own; steps 0 means the default.
import { parseGoDuration } from '../../lang/duration/index.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { numberAt, objectAt } from '../../vocabulary/shape-checks.js';

export interface ConnectionBackoff {
  initialMs: number;
  factor: number;
  jitter: number;
  steps: number;
}

const DEFAULT: ConnectionBackoff = { initialMs: 1000, factor: 1, jitter: 1, steps: 5 };

export function readConnectionBackoff(
  p: Problems,
  v: unknown,
  path: PathSegment[],
): ConnectionBackoff | undefined {
  const b = objectAt(p, v, path, false);
  if (!b) return DEFAULT;
  const before = p.list.length;
  let initialMs = DEFAULT.initialMs;
  if (typeof b.duration === 'string' && b.duration !== '') {
    try {
      initialMs = parseGoDuration(b.duration);
    } catch (e) {
      p.add([...path, 'duration'], `invalid duration: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else if (typeof b.duration === 'number') {
    initialMs = b.duration / 1e6; // Int64OrString: an integer is nanoseconds
  } else if (b.duration !== undefined && b.duration !== null) {
    p.add([...path, 'duration'], 'must be a Go duration like 10s');
  }
  const factor = numberAt(p, b.factor, [...path, 'factor'], { min: 1 }) ?? DEFAULT.factor;
  const jitter = numberAt(p, b.jitter, [...path, 'jitter'], { min: 0, max: 1 }) ?? DEFAULT.jitter;
  const steps = numberAt(p, b.steps, [...path, 'steps'], { integer: true, min: 0 }) || DEFAULT.steps;
  if (p.list.length > before) return undefined;
  return { initialMs, factor, jitter, steps };
}

/** The delay before reconnect attempt `n` (0-based), growing by factor, capped at 5 minutes. */
export function backoffDelay(b: ConnectionBackoff, n: number): number {
  const base = Math.min(b.initialMs * b.factor ** n, 300_000);
  return base * (1 + b.jitter * Math.random());
}
