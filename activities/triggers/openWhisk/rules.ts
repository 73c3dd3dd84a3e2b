// Validation of the `openWhisk` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef } from '../trigger-rules.js';
import { stringAt } from '../../../src/vocabulary/shape-checks.js';

export const validateOpenWhisk: TriggerRule = (p, spec, path, checkParam) => {
  stringAt(p, spec.host, [...path, 'host'], true);
  stringAt(p, spec.actionName, [...path, 'actionName'], true);
  stringAt(p, spec.version, [...path, 'version'], false);
  stringAt(p, spec.namespace, [...path, 'namespace'], false);
  checkSecretRef(p, spec.authToken, [...path, 'authToken'], false);
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
