// Validation of the `k8s` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams } from '../trigger-rules.js';
import { boolAt, oneOf } from '../../../src/vocabulary/shape-checks.js';
import { checkSource } from '../../artifacts/artifact-source-rules.js';

export const validateK8s: TriggerRule = (p, spec, path, checkParam) => {
  checkSource(p, spec.source, [...path, 'source']);
  oneOf(p, spec.operation, [...path, 'operation'], ['create', 'update', 'patch', 'delete', '']);
  oneOf(
    p,
    spec.patchStrategy,
    [...path, 'patchStrategy'],
    [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
    ],
  );
  boolAt(p, spec.liveObject, [...path, 'liveObject']);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
