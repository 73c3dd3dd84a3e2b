// Validation of the `azureServiceBus` trigger type's block (Argo's connectionString, queueName or
// topicName, subscriptionName, tls, payload, parameters).
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef } from '../trigger-rules.js';
import { stringAt } from '../../../src/vocabulary/shape-checks.js';
import { NO_SERVICE_BUS_TLS } from '../../../src/sources/azureServiceBus/azure-service-bus-config.js';

export const validateAzureServiceBus: TriggerRule = (p, spec, path, checkParam) => {
  checkSecretRef(p, spec.connectionString, [...path, 'connectionString'], true);
  const queueName = stringAt(p, spec.queueName, [...path, 'queueName'], false);
  const topicName = stringAt(p, spec.topicName, [...path, 'topicName'], false);
  // Argo's struct has subscriptionName; a sender does not use it.
  stringAt(p, spec.subscriptionName, [...path, 'subscriptionName'], false);
  if (queueName === undefined && topicName === undefined)
    p.add([...path, 'queueName'], 'required: queueName or topicName');
  else if (queueName !== undefined && topicName !== undefined)
    p.add([...path, 'queueName'], 'queueName and topicName cannot be given together');
  if (spec.tls !== undefined && spec.tls !== null) p.add([...path, 'tls'], NO_SERVICE_BUS_TLS);
  if (spec.payload === undefined || spec.payload === null)
    p.add([...path, 'payload'], 'required: the message is built from payload parameters (Argo refuses the trigger without them)');
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
