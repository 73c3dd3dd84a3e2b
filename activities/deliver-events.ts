// The activity through which workflow-driven EventSources (calendar, file) hand events to the
// Sensors that subscribe to them. At-least-once: Sensors dedupe by event id, so each draft
// should carry a deterministic id.
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { deliver, toCloudEvent, type EventOrigin } from '../src/delivery/deliver.js';
import { SubscriptionIndex } from '../src/delivery/subscription-index.js';
import { SignalBatcher, signalSenderFor } from '../src/delivery/signal-batcher.js';
import type { EventDraft } from '../src/sources/source-type.js';

export interface DeliverEventsInput {
  origin: EventOrigin;
  drafts: EventDraft[];
}

export interface DeliverEventsResult {
  ids: string[];
  /** how many Sensors received each event */
  sensors: number;
}

export function createDeliveryActivities(client: Client) {
  const index = new SubscriptionIndex(client, 1000);
  // One batcher per worker: drafts of one call, and of concurrent calls, share signals.
  const batcher = new SignalBatcher(signalSenderFor(client));
  return {
    async deliverEvents(input: DeliverEventsInput): Promise<DeliverEventsResult> {
      const { origin } = input;
      const targets = await index.lookup(origin.source.namespace, origin.source.name, origin.eventName);
      const now = Date.now();
      const events = input.drafts.map((draft) => toCloudEvent(origin, draft, now));
      const reports = await Promise.all(events.map((event) => deliver(batcher, targets, event)));
      const failed = reports.findIndex((r) => r.failed.length > 0);
      if (failed >= 0) {
        const report = reports[failed]!;
        throw ApplicationFailure.retryable(
          `event ${events[failed]!.id} not delivered to ${report.failed.map((f) => f.workflowId).join(', ')}: ${report.failed[0]!.error}`,
          'DeliveryFailed',
        );
      }
      return { ids: events.map((e) => e.id), sensors: targets.length };
    },
  };
}

export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;
