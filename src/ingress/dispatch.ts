// What the ingress does with the events of one accepted request: drop those the EventSource
// filter refuses, refuse the request (4xx) when any event is too large or deep for a Sensor to
// hold, then hand every event to its subscribed Sensors through the shared batcher. The request
// is answered 2xx only when every signal holding its events was accepted; the answer says how
// many Sensors received them and, when asked to wait, what each decided.
import type { CloudEvent } from '../engine/cloudevent.js';
import type { EventDraft, RouteSpec } from '../sources/source-type.js';
import { deliver, toCloudEvent } from '../delivery/deliver.js';
import { checkEventLimits } from '../delivery/event-limits.js';
import type { SignalBatcher } from '../delivery/signal-batcher.js';
import type { DispatchOutcome } from './port-app.js';
import { routeFilterVerdict } from './route-filter.js';
import { stampEventTrace } from '../tracing/ingress-span.js';
import { planDecisionWait, type DecisionReader } from './await-decisions.js';
import {
  eventProcessingDuration,
  eventsFiltered,
  eventsProcessingFailed,
  eventsSent,
  eventsSentFailed,
  eventsUnrouted,
} from '../metrics/eventide-metrics.js';

const labelsOf = (route: RouteSpec) => ({
  namespace: route.source.namespace,
  eventsource_name: route.source.name,
  event_name: route.eventName,
});

export interface DispatchDeps {
  batcher: SignalBatcher;
  /** Sensor workflow ids subscribed to an event */
  subscribers: (namespace: string, eventSourceName: string, eventName: string) => Promise<string[]>;
  log: (msg: string, fields?: Record<string, unknown>) => void;
  /** reads a Sensor's recent decisions (for `?wait=decision`) */
  decisions?: DecisionReader;
}

export interface DispatchWait {
  timeoutMs: number;
}

export async function dispatchDrafts(
  deps: DispatchDeps,
  route: RouteSpec,
  drafts: EventDraft[],
  receivedAt: number,
  wait?: DispatchWait,
): Promise<DispatchOutcome> {
  const events: { event: CloudEvent; bytes: number }[] = [];
  let filtered = 0;
  for (const draft of drafts) {
    const filter = routeFilterVerdict(route, draft.data);
    if (!filter.pass) {
      filtered++;
      eventsFiltered.inc(labelsOf(route));
      deps.log('event dropped by the EventSource filter', {
        source: route.source.name,
        event: route.eventName,
        reason: filter.reason,
      });
      continue;
    }
    const event = toCloudEvent(route, draft, receivedAt);
    stampEventTrace(event);
    const verdict = checkEventLimits(event);
    if (!verdict.ok) {
      eventsProcessingFailed.inc(labelsOf(route));
      deps.log('event refused', { source: route.source.name, event: route.eventName, code: verdict.code });
      return {
        ok: false,
        code: verdict.code,
        message: `${route.source.name}/${route.eventName}: ${verdict.message}`,
      };
    }
    events.push({ event, bytes: verdict.bytes });
  }
  if (events.length === 0) return { ok: true, ids: [], sensors: 0, filtered };
  const ids = events.map((e) => e.event.id);
  const targets = await deps.subscribers(route.source.namespace, route.source.name, route.eventName);
  const plan = wait && deps.decisions ? planDecisionWait(deps.decisions, targets, ids) : undefined;
  await plan?.baseline();
  const reports = await Promise.all(events.map((e) => deliver(deps.batcher, targets, e.event, e.bytes)));
  const failed = reports.flatMap((r, i) =>
    r.failed.length > 0 ? [{ id: events[i]!.event.id, failed: r.failed }] : [],
  );
  const received = new Set(reports.flatMap((r) => r.delivered));
  const labels = labelsOf(route);
  for (const r of reports) {
    if (r.failed.length > 0) {
      eventsSentFailed.inc(labels);
      eventsProcessingFailed.inc(labels);
    } else if (r.delivered.length === 0) eventsUnrouted.inc(labels);
    else {
      eventsSent.inc(labels);
      eventProcessingDuration.observe(labels, Date.now() - receivedAt);
    }
  }
  if (failed.length > 0) {
    deps.log('delivery failed', { events: failed });
    const first = failed[0]!;
    return {
      ok: false,
      code: 'EVT_ERR_INGRESS_DELIVERY_FAILED',
      message: `event ${first.id} could not be delivered to ${first.failed.length} Sensor(s); retry the request`,
    };
  }
  const outcome: DispatchOutcome = { ok: true, ids, sensors: received.size };
  if (filtered > 0) outcome.filtered = filtered;
  if (received.size === 0) {
    deps.log('event reached no Sensor', {
      source: route.source.name,
      event: route.eventName,
      subscribed: targets.length,
    });
    return outcome;
  }
  if (plan) {
    // Sensors deleted meanwhile never decide: wait only for those that took the events.
    const result = await plan.wait(
      wait!.timeoutMs,
      targets.filter((t) => received.has(t)),
    );
    outcome.decisions = result.decided;
    outcome.pending = result.pending;
  }
  return outcome;
}
