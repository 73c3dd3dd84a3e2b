// Validation of the `temporal` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams } from '../trigger-rules.js';
import { listAt, stringAt } from '../../../src/vocabulary/shape-checks.js';

export const validateTemporal: TriggerRule = (p, spec, path, checkParam) => {
  stringAt(p, spec.workflowType, [...path, 'workflowType'], true);
  stringAt(p, spec.taskQueue, [...path, 'taskQueue'], true);
  stringAt(p, spec.workflowId, [...path, 'workflowId'], false);
  stringAt(p, spec.signalName, [...path, 'signalName'], false);
  stringAt(p, spec.namespace, [...path, 'namespace'], false);
  listAt(p, spec.args, [...path, 'args'], false);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
};
