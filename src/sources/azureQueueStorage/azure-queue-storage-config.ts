// Argo's `azureQueueStorage` EventSource config (connectionString, queueName, jsonBody, dlq,
// decodeMessage, waitTimeInSeconds, metadata), read into the plan the listener runs. Pure:
// validation and the listener share it.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, numberAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';

export interface AzureQueueStoragePlan {
  connectionString: SecretKeySelector;
  queueName: string;
  jsonBody: boolean;
  dlq: boolean;
  decodeMessage: boolean;
  /** the pause after an empty receive (Azure queues have no long poll); Argo's default 3 s */
  waitTimeInSeconds: number;
  metadata?: Record<string, string>;
}

const ARGO_DEFAULT_WAIT_SECONDS = 3;

/**
 * Why Azure AD sign-in (storageAccountName without connectionString, and the other Azure types'
 * equivalents) is refused: Argo uses DefaultAzureCredential from azidentity, whose Node
 * counterpart, @azure/identity, is not among Eventide's dependencies.
 */
export const NO_DEFAULT_AZURE_CREDENTIAL =
  'Azure AD sign-in (DefaultAzureCredential) is not supported: Eventide does not ship @azure/identity';

export function readAzureQueueStorageConfig(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
): AzureQueueStoragePlan | undefined {
  const before = p.list.length;
  const connectionString = readSecretSelector(p, cfg.connectionString, [...path, 'connectionString'], false);
  const account = stringAt(p, cfg.storageAccountName, [...path, 'storageAccountName'], false);
  if (cfg.connectionString === undefined || cfg.connectionString === null)
    p.add(
      [...path, 'connectionString'],
      account
        ? `required: ${NO_DEFAULT_AZURE_CREDENTIAL}; give the storage account's connection string as a secret`
        : 'required: a secret holding the storage account connection string (Argo: connectionString or storageAccountName)',
    );
  const queueName = stringAt(p, cfg.queueName, [...path, 'queueName'], true);
  if (queueName !== undefined && !/^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$/.test(queueName))
    p.add(
      [...path, 'queueName'],
      `${JSON.stringify(queueName)} is not an Azure queue name (3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit)`,
    );
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  const dlq = boolAt(p, cfg.dlq, [...path, 'dlq']) ?? false;
  const decodeMessage = boolAt(p, cfg.decodeMessage, [...path, 'decodeMessage']) ?? false;
  const wait = numberAt(p, cfg.waitTimeInSeconds, [...path, 'waitTimeInSeconds'], { integer: true, min: 0, max: 3600 });
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || !connectionString || queueName === undefined) return undefined;
  return {
    connectionString,
    queueName,
    jsonBody,
    dlq,
    decodeMessage,
    // Argo uses 3 s only when the field is absent; an explicit 0 polls without pausing.
    waitTimeInSeconds: wait ?? ARGO_DEFAULT_WAIT_SECONDS,
    ...(metadata ? { metadata } : {}),
  };
}
