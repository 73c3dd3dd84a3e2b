// Argo's `azureEventsHub` EventSource config (fqdn, hubName, sharedAccessKeyName,
// sharedAccessKey, metadata), read into the plan the listener runs. Pure: validation and the
// listener share it.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';
import { NO_DEFAULT_AZURE_CREDENTIAL } from '../azureQueueStorage/azure-queue-storage-config.js';

export interface AzureEventsHubPlan {
  /** the namespace's host, e.g. mynamespace.servicebus.windows.net */
  fqdn: string;
  hubName: string;
  sharedAccessKeyName: SecretKeySelector;
  sharedAccessKey: SecretKeySelector;
  metadata?: Record<string, string>;
}

export function readAzureEventsHubConfig(p: Problems, cfg: Obj, path: PathSegment[]): AzureEventsHubPlan | undefined {
  const before = p.list.length;
  const fqdn = stringAt(p, cfg.fqdn, [...path, 'fqdn'], true);
  if (fqdn !== undefined && /[/:\s]/.test(fqdn))
    p.add([...path, 'fqdn'], `must be the namespace's host name (e.g. mynamespace.servicebus.windows.net), got ${JSON.stringify(fqdn)}`);
  const hubName = stringAt(p, cfg.hubName, [...path, 'hubName'], true);
  const keyName = readSecretSelector(p, cfg.sharedAccessKeyName, [...path, 'sharedAccessKeyName'], false);
  const key = readSecretSelector(p, cfg.sharedAccessKey, [...path, 'sharedAccessKey'], false);
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(cfg.sharedAccessKeyName) !== given(cfg.sharedAccessKey))
    p.add(
      [...path, given(cfg.sharedAccessKey) ? 'sharedAccessKeyName' : 'sharedAccessKey'],
      'sharedAccessKeyName and sharedAccessKey must be given together',
    );
  else if (!given(cfg.sharedAccessKeyName))
    p.add(
      [...path, 'sharedAccessKey'],
      `required: ${NO_DEFAULT_AZURE_CREDENTIAL}; give sharedAccessKeyName and sharedAccessKey (a SAS policy of the hub or namespace)`,
    );
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || fqdn === undefined || hubName === undefined || !keyName || !key) return undefined;
  return { fqdn, hubName, sharedAccessKeyName: keyName, sharedAccessKey: key, ...(metadata ? { metadata } : {}) };
}
