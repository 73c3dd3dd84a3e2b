// The contract of a listener-type EventSource (file today; brokers and queues next): a
// `listen(ctx)` function that the generic source-listener activity runs, one per event, until
// cancelled. Everything Temporal- or delivery-specific stays behind `ctx`, so a listener type is
// only its config reader and its listen loop.
import type { SecretStore } from '../../secrets/secret-store.js';
import type { EventDraft, SourceRef } from '../source-type.js';

interface ListenerLog {
  info(message: string, attrs?: Record<string, unknown>): void;
  warn(message: string, attrs?: Record<string, unknown>): void;
}

export interface ListenerContext<Config, Checkpoint> {
  source: SourceRef;
  type: string;
  eventName: string;
  /** the event's config, parsed once by the type's reader */
  config: Config;
  /** the last checkpoint this event's listener heartbeated (any earlier attempt), if any */
  checkpoint: Checkpoint | undefined;
  /** records progress; a restarted listener gets the last one as `checkpoint` */
  heartbeat(checkpoint: Checkpoint): void;
  /**
   * Hands drafts to the Sensors that subscribe to this event, after the event's
   * `filter.expression`; resolves once every one passing it is delivered (it retries meanwhile),
   * rejects only on cancellation. Drafts should carry deterministic ids: delivery is
   * at-least-once and Sensors dedupe by id.
   */
  deliver(drafts: EventDraft[]): Promise<void>;
  /** resolves the config's secret references (access keys, passwords) when the listener connects */
  secrets: SecretStore;
  /** aborted when the listener must stop (spec change, delete, worker shutdown) */
  signal: AbortSignal;
  /** resolves after ms, rejects on cancellation */
  sleep(ms: number): Promise<void>;
  log: ListenerLog;
}

/** What a listener type provides beside its config reader. */
export type ListenFunction<Config, Checkpoint> = (ctx: ListenerContext<Config, Checkpoint>) => Promise<void>;

/**
 * A listener's failure that a retry cannot fix (its config cannot work); the activity fails
 * without retrying. Other errors are retried by Temporal with backoff, resuming from the checkpoint.
 */
export class ListenerConfigError extends Error {
  override name = 'ListenerConfigError';
}
