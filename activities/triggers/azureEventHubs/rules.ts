// Validation of the `azureEventHubs` trigger type's block (Argo's fqdn, hubName,
// sharedAccessKeyName, sharedAccessKey, payload, parameters).
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef } from '../trigger-rules.js';
import { stringAt } from '../../../src/vocabulary/shape-checks.js';

export const validateAzureEventHubs: TriggerRule = (p, spec, path, checkParam) => {
  const fqdn = stringAt(p, spec.fqdn, [...path, 'fqdn'], true);
  if (fqdn !== undefined && /[/:\s]/.test(fqdn))
    p.add([...path, 'fqdn'], `must be the namespace's host name (e.g. mynamespace.servicebus.windows.net), got ${JSON.stringify(fqdn)}`);
  stringAt(p, spec.hubName, [...path, 'hubName'], true);
  // Argo's trigger always builds a SAS connection string: both keys are required.
  checkSecretRef(p, spec.sharedAccessKeyName, [...path, 'sharedAccessKeyName'], true);
  checkSecretRef(p, spec.sharedAccessKey, [...path, 'sharedAccessKey'], true);
  if (spec.payload === undefined || spec.payload === null)
    p.add([...path, 'payload'], 'required: the event is built from payload parameters (Argo refuses the trigger without them)');
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
