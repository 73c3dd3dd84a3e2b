// The events push sources hand to the ingress: ids scoped to the route, and Argo's `metadata`.
import { isObject } from '../../vocabulary/shape-checks.js';
import type { EventDraft, RouteSpec } from '../source-type.js';

/**
 * A CloudEvent id from the sender's own id (a GitHub delivery, GitLab's Idempotency-Key, Slack's
 * event_id, Stripe's evt_…, SNS's MessageId), so a redelivery dedupes. Scoped to the route:
 * Sensors dedupe by id alone, and neither a sender of another source (who may choose its id
 * freely) nor one upstream event reaching two events of a Sensor may suppress an event.
 */
function routeEventId(route: RouteSpec, upstreamId: string): string {
  return `${route.source.namespace}/${route.source.name}/${route.eventName}:${upstreamId}`;
}

/** An event with its id taken from `upstreamId`; without one ('' or absent) it gets a random id. */
export function eventDraft(route: RouteSpec, data: unknown, upstreamId?: string): EventDraft {
  return upstreamId ? { data, id: routeEventId(route, upstreamId) } : { data };
}

/** The config's `metadata`, added as Argo's payloads carry it: absent when empty (`omitempty`). */
export function withMetadata<T extends object>(
  data: T,
  route: RouteSpec,
): T & { metadata?: Record<string, string> } {
  const md = route.config.metadata;
  return isObject(md) && Object.keys(md).length > 0
    ? { ...data, metadata: md as Record<string, string> }
    : data;
}
