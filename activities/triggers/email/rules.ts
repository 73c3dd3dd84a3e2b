// Validation of the `email` trigger type's block in a trigger template. `to`, `subject` and
// `body` are often set by parameters, so only their shape is checked here; the fire checks they
// are present after parameters.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef, checkStrings } from '../trigger-rules.js';
import { numberAt, stringAt } from '../../../src/vocabulary/shape-checks.js';

export const validateEmail: TriggerRule = (p, spec, path, checkParam) => {
  for (const field of ['host', 'username', 'from', 'subject', 'body'] as const)
    stringAt(p, spec[field], [...path, field], false);
  numberAt(p, spec.port, [...path, 'port'], { integer: true, min: 1 });
  checkStrings(p, spec.to, [...path, 'to']);
  checkSecretRef(p, spec.smtpPassword, [...path, 'smtpPassword'], false);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
