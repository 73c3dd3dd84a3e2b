// Argo's `sqs` EventSource config (region, queue, credentials, jsonBody, dlq…), read into the plan
// the SQS listener runs. Pure: validation and the listener share it.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, numberAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';

export interface SqsPlan {
  region: string;
  queue: string;
  queueAccountId?: string;
  /** long-poll wait; Argo uses 3 s when unset or 0 */
  waitTimeSeconds: number;
  accessKey?: SecretKeySelector;
  secretKey?: SecretKeySelector;
  sessionToken?: SecretKeySelector;
  roleARN?: string;
  endpoint?: string;
  jsonBody: boolean;
  dlq: boolean;
  metadata?: Record<string, string>;
}

const ARGO_DEFAULT_WAIT_SECONDS = 3;

export function readSqsConfig(p: Problems, cfg: Obj, path: PathSegment[]): SqsPlan | undefined {
  const before = p.list.length;
  const region = stringAt(p, cfg.region, [...path, 'region'], true);
  const queue = stringAt(p, cfg.queue, [...path, 'queue'], true);
  const queueAccountId = stringAt(p, cfg.queueAccountId, [...path, 'queueAccountId'], false);
  const wait = numberAt(p, cfg.waitTimeSeconds, [...path, 'waitTimeSeconds'], { integer: true, min: 0, max: 20 });
  const accessKey = readSecretSelector(p, cfg.accessKey, [...path, 'accessKey'], false);
  const secretKey = readSecretSelector(p, cfg.secretKey, [...path, 'secretKey'], false);
  const sessionToken = readSecretSelector(p, cfg.sessionToken, [...path, 'sessionToken'], false);
  if ((cfg.accessKey === undefined) !== (cfg.secretKey === undefined))
    p.add([...path, cfg.accessKey === undefined ? 'accessKey' : 'secretKey'], 'accessKey and secretKey must be given together');
  const roleARN = stringAt(p, cfg.roleARN, [...path, 'roleARN'], false);
  const endpoint = stringAt(p, cfg.endpoint, [...path, 'endpoint'], false);
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint))
    p.add([...path, 'endpoint'], `must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  const dlq = boolAt(p, cfg.dlq, [...path, 'dlq']) ?? false;
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || region === undefined || queue === undefined) return undefined;
  return {
    region,
    queue,
    ...(queueAccountId ? { queueAccountId } : {}),
    waitTimeSeconds: wait || ARGO_DEFAULT_WAIT_SECONDS,
    ...(accessKey ? { accessKey } : {}),
    ...(secretKey ? { secretKey } : {}),
    ...(sessionToken ? { sessionToken } : {}),
    ...(roleARN ? { roleARN } : {}),
    ...(endpoint ? { endpoint } : {}),
    jsonBody,
    dlq,
    ...(metadata ? { metadata } : {}),
  };
}
