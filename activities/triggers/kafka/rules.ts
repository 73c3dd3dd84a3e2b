// Validation of the `kafka` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams } from '../trigger-rules.js';
import { readKafkaTrigger } from './kafka-trigger-spec.js';

export const validateKafka: TriggerRule = (p, spec, path, checkParam) => {
  readKafkaTrigger(p, spec, path);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  if (spec.payload === undefined || spec.payload === null)
    p.add([...path, 'payload'], 'required (Argo: payload must not be empty)');
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
};
