// Ports the ingress could not open: each failure is logged once with its reason and the holder of
// the port when known, and the port is retried with exponential backoff instead of on every
// route refresh (which used to log EADDRINUSE about once a second).
import { describePortHolder } from '../temporal/port-holder.js';

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

interface Failure {
  attempts: number;
  retryAt: number;
  reason: string;
}

export class PortRetry {
  private readonly failures = new Map<number, Failure>();

  constructor(
    private readonly log: (msg: string, fields?: Record<string, unknown>) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether to try opening `port` on this refresh. */
  due(port: number): boolean {
    const f = this.failures.get(port);
    return !f || this.now() >= f.retryAt;
  }

  /** Records a failed listen; logs only the first failure and a change of reason. */
  failed(port: number, error: unknown): void {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code ?? err.message;
    const prior = this.failures.get(port);
    const attempts = (prior?.attempts ?? 0) + 1;
    const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempts - 1));
    this.failures.set(port, { attempts, retryAt: this.now() + delay, reason });
    if (prior?.reason === reason) return;
    const holder = err.code === 'EADDRINUSE' ? describePortHolder(port) : undefined;
    this.log('cannot listen', {
      port,
      error: err.message,
      ...(holder ? { heldBy: holder } : {}),
      retry: `with backoff, first in ${delay / 1000} s, at most every ${MAX_RETRY_MS / 1000} s`,
    });
  }
}
