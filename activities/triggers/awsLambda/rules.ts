// Validation of the `awsLambda` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef } from '../trigger-rules.js';
import { oneOf, stringAt } from '../../../src/vocabulary/shape-checks.js';

const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;

export const validateAwsLambda: TriggerRule = (p, spec, path, checkParam) => {
  stringAt(p, spec.functionName, [...path, 'functionName'], true);
  stringAt(p, spec.region, [...path, 'region'], true);
  stringAt(p, spec.roleARN, [...path, 'roleARN'], false);
  checkSecretRef(p, spec.accessKey, [...path, 'accessKey'], false);
  checkSecretRef(p, spec.secretKey, [...path, 'secretKey'], false);
  if ((spec.accessKey === undefined) !== (spec.secretKey === undefined))
    p.add(path, 'set both accessKey and secretKey, or neither (the default AWS credential chain is used then)');
  if (spec.invocationType !== undefined) oneOf(p, spec.invocationType, [...path, 'invocationType'], INVOCATION_TYPES);
  if (spec.payload === undefined) p.add([...path, 'payload'], 'is required (Argo refuses a Lambda trigger without payload)');
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
