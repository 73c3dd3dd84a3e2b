// Coalesces events bound for one Sensor workflow into as few `event` signals as possible: an
// event submitted while no signal to that workflow is in flight goes out at once (one round
// trip at low load); events submitted while one is in flight wait and leave together in the
// next signal, as a list. Each submit() settles only when the signal carrying its event was
// accepted (or refused) by Temporal, so callers answer 2xx only for durable events.
// One path for every producer: the ingress, the deliverEvents activity and stream listeners.
import type { Client } from '@temporalio/client';
import type { CloudEvent } from '../engine/cloudevent.js';
import { eventSignal } from '../vocabulary/sensor-api.js';
import { signalBatchSize } from '../metrics/eventide-metrics.js';
import { tracedSignalSender } from '../tracing/signal-span.js';

/** Sends one signal carrying `events` (one or more) to a workflow. */
export type SignalSender = (workflowId: string, events: CloudEvent[]) => Promise<void>;

export interface SignalBatcherOptions {
  /** most events in one signal */
  maxEvents?: number;
  /** most serialised bytes in one signal (an event larger than this alone travels alone) */
  maxBytes?: number;
}

/** Well under Temporal's 512 KB payload warning and 2 MB limit; large enough to amortise a round trip. */
const DEFAULT_BATCH_MAX_EVENTS = 500;
const DEFAULT_BATCH_MAX_BYTES = 256 * 1024;

interface Waiting {
  event: CloudEvent;
  bytes: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Lane {
  waiting: Waiting[];
  inFlight: boolean;
}

/** A single event travels as itself (what `temporal workflow signal` by hand sends too); more as a list. */
export function signalSenderFor(client: Client): SignalSender {
  return tracedSignalSender(async (workflowId, events) => {
    const arg = events.length === 1 ? events[0]! : events;
    await client.workflow.getHandle(workflowId).signal(eventSignal, arg);
  });
}

export class SignalBatcher {
  private readonly lanes = new Map<string, Lane>();
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  /** signals sent so far (benchmarks and tests read it) */
  signalsSent = 0;

  constructor(
    private readonly send: SignalSender,
    opts: SignalBatcherOptions = {},
  ) {
    this.maxEvents = Math.max(1, opts.maxEvents ?? DEFAULT_BATCH_MAX_EVENTS);
    this.maxBytes = Math.max(1, opts.maxBytes ?? DEFAULT_BATCH_MAX_BYTES);
  }

  /**
   * Resolves once the signal holding `event` was accepted by `workflowId`; rejects with the
   * signal's error (every event of that signal gets the same one). `bytes` is the event's
   * serialised size when the caller already knows it.
   */
  submit(workflowId: string, event: CloudEvent, bytes?: number): Promise<void> {
    const size = bytes ?? Buffer.byteLength(JSON.stringify(event));
    let lane = this.lanes.get(workflowId);
    if (!lane) {
      lane = { waiting: [], inFlight: false };
      this.lanes.set(workflowId, lane);
    }
    const done = new Promise<void>((resolve, reject) => {
      lane.waiting.push({ event, bytes: size, resolve, reject });
    });
    if (!lane.inFlight) this.flush(workflowId, lane);
    return done;
  }

  private takeBatch(lane: Lane): Waiting[] {
    let bytes = 0;
    let n = 0;
    while (n < lane.waiting.length && n < this.maxEvents) {
      const next = lane.waiting[n]!.bytes;
      if (n > 0 && bytes + next > this.maxBytes) break;
      bytes += next;
      n++;
    }
    return lane.waiting.splice(0, n);
  }

  private flush(workflowId: string, lane: Lane): void {
    const batch = this.takeBatch(lane);
    if (batch.length === 0) {
      this.lanes.delete(workflowId);
      return;
    }
    lane.inFlight = true;
    this.signalsSent++;
    signalBatchSize.observe(batch.length);
    this.send(
      workflowId,
      batch.map((w) => w.event),
    )
      .then(
        () => {
          for (const w of batch) w.resolve();
        },
        (e: unknown) => {
          for (const w of batch) w.reject(e);
        },
      )
      .finally(() => {
        lane.inFlight = false;
        this.flush(workflowId, lane);
      });
  }
}
