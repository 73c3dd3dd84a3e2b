// The `azureEventsHub` EventSource's listen loop, a thin adapter over @azure/event-hubs (the
// mapping and checkpoint rules are in azure-events-hub-events.ts). Event Hubs has no acks, and no
// blob checkpoint store is installed here, so the checkpoint (per partition, the last sequence
// number every subscribed Sensor accepted) lives in the listener's heartbeat: a restarted listener
// resumes after it, and re-reads at most the batch that was in flight (deduplicated by id). On the
// very first start each partition's current end is checkpointed before reading, so events sent
// while the listener restarts are not skipped (Argo starts every run at the newest event).
// Untested against a live service: no Event Hubs emulator runs here.
import type { EventHubConsumerClient, EventPosition } from '@azure/event-hubs';
import type { ListenerContext } from '../listener-common/listener-source.js';
import { resolveSecret } from '../listener-common/secret-selector.js';
import type { AzureEventsHubPlan } from './azure-events-hub-config.js';
import { eventHubsConnectionString } from './azure-events-hub-connection.js';
import {
  acceptedThrough,
  azureEventsHubEvent,
  startOf,
  type HubCheckpoint,
  type HubStart,
} from './azure-events-hub-events.js';

type Ctx = ListenerContext<AzureEventsHubPlan, HubCheckpoint>;

const MAX_BATCH = 100;
const MAX_WAIT_SECONDS = 5;
const HEARTBEAT_EVERY_MS = 1000;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function position(start: HubStart, earliest: EventPosition, latest: EventPosition): EventPosition {
  if (start === 'latest') return latest;
  if (start === 'earliest') return earliest;
  return { sequenceNumber: start.afterSequenceNumber, isInclusive: false };
}

/** Partitions never read before get their current end as checkpoint (-1 when empty). */
async function initialCheckpoint(ctx: Ctx, client: EventHubConsumerClient): Promise<HubCheckpoint> {
  const cp: HubCheckpoint = { partitions: { ...(ctx.checkpoint?.partitions ?? {}) } };
  for (const id of await client.getPartitionIds({ abortSignal: ctx.signal })) {
    if (cp.partitions[id] !== undefined) continue;
    const props = await client.getPartitionProperties(id, { abortSignal: ctx.signal });
    cp.partitions[id] = props.isEmpty ? -1 : props.lastEnqueuedSequenceNumber;
  }
  return cp;
}

export async function listenAzureEventsHub(ctx: Ctx): Promise<void> {
  const { fqdn, hubName } = ctx.config;
  const conn = eventHubsConnectionString(
    fqdn,
    hubName,
    resolveSecret(ctx.secrets, ctx.config.sharedAccessKeyName, 'sharedAccessKeyName'),
    resolveSecret(ctx.secrets, ctx.config.sharedAccessKey, 'sharedAccessKey'),
  );
  const { EventHubConsumerClient, earliestEventPosition, latestEventPosition } = await import('@azure/event-hubs');
  const client = new EventHubConsumerClient(EventHubConsumerClient.defaultConsumerGroupName, conn);
  let checkpoint: HubCheckpoint = ctx.checkpoint ?? { partitions: {} };
  const beat = setInterval(() => ctx.heartbeat(checkpoint), HEARTBEAT_EVERY_MS);
  try {
    try {
      checkpoint = await initialCheckpoint(ctx, client);
    } catch (e) {
      // Temporal restarts the listener with backoff; say why nothing is consumed meanwhile.
      ctx.log.warn('azureEventsHub: cannot read the hub’s partitions; not consuming, retrying', { fqdn, hub: hubName, error: message(e) });
      throw e;
    }
    ctx.heartbeat(checkpoint);
    const startPosition = Object.fromEntries(
      Object.keys(checkpoint.partitions).map((id) => [
        id,
        position(startOf(checkpoint, id), earliestEventPosition, latestEventPosition),
      ]),
    );
    ctx.log.info('azureEventsHub: consuming', { fqdn, hub: hubName, partitions: Object.keys(startPosition).length });
    const subscription = client.subscribe(
      {
        // The SDK waits for this before handing the partition its next batch: the backpressure.
        processEvents: async (events, context) => {
          if (events.length === 0) return;
          await ctx.deliver(events.map((ev) => azureEventsHubEvent(ctx.config, context.partitionId, ev)));
          checkpoint = acceptedThrough(checkpoint, context.partitionId, events);
          ctx.heartbeat(checkpoint);
        },
        processError: async (err, context) => {
          if (ctx.signal.aborted) return;
          ctx.log.warn('azureEventsHub: receive failed; the SDK retries', {
            hub: hubName,
            partition: context.partitionId,
            error: message(err),
          });
        },
      },
      { startPosition, maxBatchSize: MAX_BATCH, maxWaitTimeInSeconds: MAX_WAIT_SECONDS, skipParsingBodyAsJson: true },
    );
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await subscription.close();
  } finally {
    clearInterval(beat);
    await client.close().catch(() => undefined);
  }
}
