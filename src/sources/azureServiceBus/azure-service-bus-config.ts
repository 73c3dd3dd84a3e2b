// Argo's `azureServiceBus` EventSource config (connectionString, queueName or
// topicName + subscriptionName, tls, jsonBody, fullyQualifiedNamespace, metadata), read into the
// plan the listener runs. Pure: validation and the listener share it. The azureServiceBus
// trigger reads its entity with the same rules.
import type { SecretKeySelector } from '../../vocabulary/manifest-types.js';
import type { PathSegment } from '../../vocabulary/field-path.js';
import type { Problems } from '../../vocabulary/problems.js';
import { boolAt, stringAt, type Obj } from '../../vocabulary/shape-checks.js';
import { readMetadata } from '../calendar/calendar-config.js';
import { readSecretSelector } from '../listener-common/secret-selector.js';
import { NO_DEFAULT_AZURE_CREDENTIAL } from '../azureQueueStorage/azure-queue-storage-config.js';

export type ServiceBusEntity = { queueName: string } | { topicName: string; subscriptionName: string };

export interface AzureServiceBusPlan {
  connectionString: SecretKeySelector;
  entity: ServiceBusEntity;
  jsonBody: boolean;
  metadata?: Record<string, string>;
}

/** Why `tls` is refused: the Node SDK has no TLS settings (Argo's Go client takes a tls.Config). */
export const NO_SERVICE_BUS_TLS =
  'not supported: @azure/service-bus for Node takes no TLS settings (Service Bus uses public certificates; trust a private CA with NODE_EXTRA_CA_CERTS); remove tls';

/** connectionString is required: Argo's alternative (fullyQualifiedNamespace + Azure AD) is refused. */
function readServiceBusConnection(
  p: Problems,
  cfg: Obj,
  path: PathSegment[],
): SecretKeySelector | undefined {
  const conn = readSecretSelector(p, cfg.connectionString, [...path, 'connectionString'], false);
  const fqns = stringAt(p, cfg.fullyQualifiedNamespace, [...path, 'fullyQualifiedNamespace'], false);
  if (cfg.connectionString === undefined || cfg.connectionString === null)
    p.add(
      [...path, 'connectionString'],
      fqns
        ? `required: ${NO_DEFAULT_AZURE_CREDENTIAL}; give the namespace's connection string as a secret`
        : 'required: a secret holding the Service Bus connection string',
    );
  if (cfg.tls !== undefined && cfg.tls !== null) p.add([...path, 'tls'], NO_SERVICE_BUS_TLS);
  return conn;
}

/** Argo's rule: a queue, or a topic with its subscription, never both. */
function readServiceBusEntity(p: Problems, cfg: Obj, path: PathSegment[]): ServiceBusEntity | undefined {
  const queueName = stringAt(p, cfg.queueName, [...path, 'queueName'], false);
  const topicName = stringAt(p, cfg.topicName, [...path, 'topicName'], false);
  const subscriptionName = stringAt(p, cfg.subscriptionName, [...path, 'subscriptionName'], false);
  if (queueName !== undefined) {
    if (topicName !== undefined || subscriptionName !== undefined)
      p.add([...path, 'queueName'], 'queueName and topicName/subscriptionName cannot be given together');
    return { queueName };
  }
  if (topicName === undefined && subscriptionName === undefined) {
    p.add([...path, 'queueName'], 'required: queueName, or topicName and subscriptionName');
    return undefined;
  }
  if (topicName === undefined) p.add([...path, 'topicName'], 'required when subscriptionName is given');
  if (subscriptionName === undefined) p.add([...path, 'subscriptionName'], 'required when topicName is given');
  return topicName !== undefined && subscriptionName !== undefined ? { topicName, subscriptionName } : undefined;
}

export function entityLabel(e: ServiceBusEntity): string {
  return 'queueName' in e ? e.queueName : `${e.topicName}/subscriptions/${e.subscriptionName}`;
}

export function readAzureServiceBusConfig(p: Problems, cfg: Obj, path: PathSegment[]): AzureServiceBusPlan | undefined {
  const before = p.list.length;
  const connectionString = readServiceBusConnection(p, cfg, path);
  const entity = readServiceBusEntity(p, cfg, path);
  const jsonBody = boolAt(p, cfg.jsonBody, [...path, 'jsonBody']) ?? false;
  // Eventide always peek-locks and completes after acceptance, which is what deferDelete asks for.
  boolAt(p, cfg.deferDelete, [...path, 'deferDelete']);
  const metadata = readMetadata(p, cfg, path);
  if (p.list.length > before || !connectionString || !entity) return undefined;
  return { connectionString, entity, jsonBody, ...(metadata ? { metadata } : {}) };
}
