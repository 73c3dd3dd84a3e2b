// The timers and listeners an EventSource workflow drives, one per event, each in its own
// cancellation scope: a spec update restarts only the events whose config changed, and delete
// or continue-as-new stops them all (waiting for listener activities to acknowledge).
import { CancellationScope, isCancellation, log } from '@temporalio/workflow';

export interface RunnerSpec {
  /** "<type>/<event name>" */
  key: string;
  /** changes whenever the runner must restart */
  fingerprint: string;
  run: () => Promise<void>;
}

interface Runner {
  fingerprint: string;
  scope: CancellationScope;
  done: Promise<void>;
}

export class RunnerSet {
  private readonly runners = new Map<string, Runner>();

  keys(): string[] {
    return [...this.runners.keys()].sort();
  }

  /** Stops runners that are gone or changed, then starts the new and changed ones. */
  async sync(desired: RunnerSpec[]): Promise<void> {
    const wanted = new Map(desired.map((d) => [d.key, d]));
    const stale = [...this.runners].filter(([key, r]) => wanted.get(key)?.fingerprint !== r.fingerprint);
    await Promise.all(stale.map(([key]) => this.stop(key)));
    for (const d of desired) if (!this.runners.has(d.key)) this.start(d);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.keys().map((key) => this.stop(key)));
  }

  private start(d: RunnerSpec): void {
    const scope = new CancellationScope();
    const done = scope.run(d.run).catch((err: unknown) => {
      if (!isCancellation(err))
        log.error('event source runner stopped', { runner: d.key, error: String(err) });
    });
    this.runners.set(d.key, { fingerprint: d.fingerprint, scope, done });
  }

  private async stop(key: string): Promise<void> {
    const r = this.runners.get(key);
    if (!r) return;
    this.runners.delete(key);
    r.scope.cancel();
    await r.done;
  }
}
