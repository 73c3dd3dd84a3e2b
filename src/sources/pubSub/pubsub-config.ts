// Argo's `pubSub` EventSource config (projectID, topicProjectID, topic, subscriptionID,
// deleteSubscriptionOnFinish, credentialSecret, jsonBody, metadata), read into the plan the
// Pub/Sub listener runs. Pure: validation and the listener share it.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';

export interface PubSubPlan {
  /** empty: the project of the credentials (or of the GCE/GKE metadata server), as Argo */
  projectID?: string;
  topicProjectID?: string;
  topic?: string;
  /** empty: `<event name>-<hash of the spec>`, as Argo generates it */
  subscriptionID?: string;
  deleteSubscriptionOnFinish: boolean;
  credentialSecret?: SecretKeySelector;
  jsonBody: boolean;
  metadata?: Record<string, string>;
  /** the event's `filter.expression`, which Argo's generated subscription name hashes */
  filterExpression?: string;
}

/** Pub/Sub resource ids: letters first, then letters, digits and -_.~+%, 3 to 255 characters. */
const RESOURCE_ID = /^[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/;

function id(p: Problems, v: unknown, path: PathSegment[]): string | undefined {
  const s = stringAt(p, v, path, false);
  if (s === undefined || s === '') return undefined;
  if (!RESOURCE_ID.test(s) || s.startsWith('goog'))
    p.add(path, `${JSON.stringify(s)} is not a Pub/Sub name (3-255 letters, digits and -_.~+%, starting with a letter, not "goog")`);
  return s;
}

export function readPubSubConfig(p: Problems, cfg: Obj, path: PathSegment[]): PubSubPlan | undefined {
  const before = p.list.length;
  const projectID = stringAt(p, cfg.projectID, [...path, 'projectID'], false) || undefined;
  const topicProjectID = stringAt(p, cfg.topicProjectID, [...path, 'topicProjectID'], false) || undefined;
  const topic = id(p, cfg.topic, [...path, 'topic']);
  const subscriptionID = id(p, cfg.subscriptionID, [...path, 'subscriptionID']);
  if (topicProjectID && !topic) p.add([...path, 'topicProjectID'], "you can't specify topicProjectID if you don't specify topic");
  if (!topic && !subscriptionID) p.add(path, 'must specify topic or subscriptionID');
  const deleteSubscriptionOnFinish = boolAt(p, cfg.deleteSubscriptionOnFinish, [...path, 'deleteSubscriptionOnFinish']) ?? false;
  const credentialSecret = readSecretSelector(p, cfg.credentialSecret, [...path, 'credentialSecret'], false);
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  const metadata = readMetadata(p, cfg, path);
  // checked by the shared filter validator; read here only for the generated subscription name
  const filter = cfg.filter;
  const expression = typeof filter === 'object' && filter !== null ? (filter as Obj).expression : undefined;
  const filterExpression = typeof expression === 'string' ? expression : undefined;
  if (p.list.length > before) return undefined;
  return {
    ...(projectID ? { projectID } : {}),
    ...(topicProjectID ? { topicProjectID } : {}),
    ...(topic ? { topic } : {}),
    ...(subscriptionID ? { subscriptionID } : {}),
    deleteSubscriptionOnFinish,
    ...(credentialSecret ? { credentialSecret } : {}),
    jsonBody,
    ...(metadata ? { metadata } : {}),
    ...(filterExpression !== undefined ? { filterExpression } : {}),
  };
}
