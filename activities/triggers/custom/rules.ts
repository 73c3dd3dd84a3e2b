// Validation of the `custom` trigger type's block in a trigger template (Argo's checks, with paths).
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams } from '../trigger-rules.js';
import { readCustomTrigger } from './custom-trigger-spec.js';

export const validateCustom: TriggerRule = (p, spec, path, checkParam) => {
  readCustomTrigger(p, spec, path);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
};
