// Validation of the `pulsar` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams } from '../trigger-rules.js';
import { readPulsarTrigger } from './pulsar-trigger-spec.js';

export const validatePulsar: TriggerRule = (p, spec, path, checkParam) => {
  readPulsarTrigger(p, spec, path);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
  if (spec.payload === undefined || spec.payload === null)
    p.add([...path, 'payload'], 'required: the message is built from payload parameters (Argo refuses a pulsar trigger without them)');
  checkParams(p, spec.payload, [...path, 'payload'], checkParam, true);
};
