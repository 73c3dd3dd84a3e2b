// The one long-lived activity every listener-type EventSource runs in: the EventSource workflow
// starts it per event; it finds the type's listen loop in the registry and gives it a context
// (typed config, last checkpoint from the heartbeat, heartbeat, deliver, cancellation). Delivery
// goes through deliverEvents after the event's filter.expression, and is retried until it
// succeeds, so a listener's checkpoint never passes events the Sensors did not get.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { EventOrigin } from '../src/delivery/deliver.js';
import type { Obj } from '../src/vocabulary/shape-checks.js';
import { createSecretStore, type SecretStore } from '../src/secrets/secret-store.js';
import { listenerDescriptor } from '../src/sources/registry.js';
import { ListenerConfigError } from '../src/sources/listener-common/listener-source.js';
import {
  LISTENER_CONFIG_FAILURE,
  LISTENER_UNKNOWN_TYPE_FAILURE,
} from '../src/sources/listener-common/listener-failures.js';
import type { ListenerRuntime } from '../src/sources/source-descriptor.js';
import { filterExpressionOf, sourceFilterVerdict } from '../src/sources/source-filter.js';
import type { EventDraft, SourceRef } from '../src/sources/source-type.js';
import { createDeliveryActivities, type DeliverEventsInput } from './deliver-events.js';

export interface SourceListenerInput {
  source: SourceRef;
  type: string;
  eventName: string;
  /** the event's config block, as in the spec */
  config: Obj;
  /** where to resume when no earlier attempt heartbeated one */
  checkpoint?: unknown;
}

export type Deliver = (input: DeliverEventsInput) => Promise<unknown>;

const MAX_DELIVERY_BACKOFF_MS = 30_000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function deliverer(input: SourceListenerInput, deliver: Deliver, ctx: Context) {
  const origin: EventOrigin = { source: input.source, sourceType: input.type, eventName: input.eventName };
  const filter = filterExpressionOf(input.config);
  return async (drafts: EventDraft[]): Promise<void> => {
    const passing = drafts.filter((d) => {
      const verdict = sourceFilterVerdict(filter, d.data as object);
      if (!verdict.pass)
        ctx.log.info('event filtered out', { event: input.eventName, reason: verdict.reason });
      return verdict.pass;
    });
    if (passing.length === 0) return;
    for (let delay = 500; ; delay = Math.min(delay * 2, MAX_DELIVERY_BACKOFF_MS)) {
      try {
        await deliver({ origin, drafts: passing });
        return;
      } catch (e) {
        ctx.log.warn('events not delivered; retrying', { event: input.eventName, error: message(e) });
        await ctx.sleep(delay);
      }
    }
  };
}

/** `deliver` defaults to the deliverEvents activity's logic; tests pass their own. */
export function createSourceListenerActivities(
  client: Client,
  deliver: Deliver = createDeliveryActivities(client).deliverEvents,
  secrets: SecretStore = createSecretStore(),
) {
  /** Listens until cancelled; returns only if the type's loop does. */
  async function runSourceListener(input: SourceListenerInput): Promise<void> {
    const { source, type, eventName } = input;
    const where = `${type} source ${source.namespace}/${source.name} event ${eventName}`;
    const descriptor = listenerDescriptor(type);
    if (!descriptor) {
      throw ApplicationFailure.nonRetryable(
        `${where}: ${type} is not a listener type`,
        LISTENER_UNKNOWN_TYPE_FAILURE,
      );
    }
    const ctx = Context.current();
    const runtime: ListenerRuntime = {
      source,
      type,
      eventName,
      checkpoint: ctx.info.heartbeatDetails ?? input.checkpoint,
      heartbeat: (checkpoint) => ctx.heartbeat(checkpoint),
      deliver: deliverer(input, deliver, ctx),
      secrets,
      signal: ctx.cancellationSignal,
      sleep: (ms) => ctx.sleep(ms),
      log: ctx.log,
    };
    try {
      await descriptor.listen(input.config, runtime);
    } catch (e) {
      if (e instanceof ListenerConfigError)
        throw ApplicationFailure.nonRetryable(`${where}: ${e.message}`, LISTENER_CONFIG_FAILURE);
      throw e;
    }
  }

  return {
    runSourceListener,
    /**
     * The file listener's activity before the generic one. EventSource workflows that started
     * their file listeners before that change (not `patched`) still schedule it by this name.
     */
    async listenFiles(input: { origin: EventOrigin; config: Obj }): Promise<void> {
      const { origin, config } = input;
      await runSourceListener({ source: origin.source, type: 'file', eventName: origin.eventName, config });
    },
  };
}

export type SourceListenerActivities = ReturnType<typeof createSourceListenerActivities>;
