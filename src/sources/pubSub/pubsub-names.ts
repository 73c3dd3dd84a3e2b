// The resource names an event's listener uses, with Argo's defaults: the topic's project is the
// subscription's, and a missing subscriptionID becomes `<event name>-<FNV-1a 32 of the event name
// and the spec's JSON>`, hashed over the same JSON Go writes for Argo's PubSubEventSource (field
// order, omitempty), so a manifest moved from Argo keeps consuming its existing subscription. Pure.
import type { PubSubPlan } from './pubsub-config.js';

export interface PubSubNames {
  projectID: string;
  /** the topic's full name, when the config names a topic */
  topicName?: string;
  subscriptionID: string;
  /** projects/<projectID>/subscriptions/<subscriptionID> */
  subscriptionName: string;
}

/** Go's hash/fnv New32a, printed as Argo's Hasher does (decimal). */
export function fnv32a(s: string): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h >>> 0);
}

/** sort map keys as encoding/json does */
const sortedMap = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The JSON encoding/json writes for Argo's PubSubEventSource after its defaults were filled. */
function argoSpecJson(plan: PubSubPlan, projectID: string, topicProjectID: string): string {
  const o: Record<string, unknown> = {
    projectID,
    topicProjectID,
    topic: plan.topic ?? '',
    subscriptionID: '',
  };
  if (plan.credentialSecret) {
    const { name, key, optional } = plan.credentialSecret;
    o.credentialSecret = { ...(name ? { name } : {}), key, ...(optional !== undefined ? { optional } : {}) };
  }
  if (plan.deleteSubscriptionOnFinish) o.deleteSubscriptionOnFinish = true;
  if (plan.jsonBody) o.jsonBody = true;
  if (plan.metadata) o.metadata = sortedMap(plan.metadata);
  if (plan.filterExpression !== undefined) o.filter = { expression: plan.filterExpression };
  // Go escapes <, > and & in strings; JSON.stringify does not
  return JSON.stringify(o).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

export function pubSubNames(plan: PubSubPlan, eventName: string, projectID: string): PubSubNames {
  const topicProjectID = plan.topic ? (plan.topicProjectID ?? projectID) : '';
  const subscriptionID =
    plan.subscriptionID ?? `${eventName}-${fnv32a(eventName + argoSpecJson(plan, projectID, topicProjectID))}`;
  return {
    projectID,
    ...(plan.topic ? { topicName: `projects/${topicProjectID}/topics/${plan.topic}` } : {}),
    subscriptionID,
    subscriptionName: `projects/${projectID}/subscriptions/${subscriptionID}`,
  };
}
