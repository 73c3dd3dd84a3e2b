// Validation of the `log` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { numberAt } from '../../../src/vocabulary/shape-checks.js';

export const validateLog: TriggerRule = (p, spec, path) => {
  numberAt(p, spec.intervalSeconds, [...path, 'intervalSeconds'], { integer: true, min: 0 });
};
