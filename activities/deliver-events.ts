// The activity through which workflow-driven EventSources (calendar, file) hand events to the
// Sensors that subscribe to them. At-least-once: Sensors dedupe by event id, so each draft
// should carry a deterministic id.
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { deliver, toCloudEvent, type EventOrigin } from '../src/delivery/deliver.js';
import { SubscriptionIndex } from '../src/delivery/subscription-index.js';
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
  return {
    async deliverEvents(input: DeliverEventsInput): Promise<DeliverEventsResult> {
      const { origin } = input;
      const targets = await index.lookup(origin.source.namespace, origin.source.name, origin.eventName);
      const ids: string[] = [];
      for (const draft of input.drafts) {
        const event = toCloudEvent(origin, draft, Date.now());
        const report = await deliver(client, targets, event);
        if (report.failed.length > 0) {
          throw ApplicationFailure.retryable(
            `event ${event.id} not delivered to ${report.failed.map((f) => f.workflowId).join(', ')}: ${report.failed[0]!.error}`,
            'DeliveryFailed',
          );
        }
        ids.push(event.id);
      }
      return { ids, sensors: targets.length };
    },
  };
}

export type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;
