// Validation of the `argoWorkflow` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkStrings } from '../trigger-rules.js';
import { oneOf } from '../../../src/vocabulary/shape-checks.js';
import { checkSource } from '../../artifacts/artifact-source-rules.js';

export const validateArgoWorkflow: TriggerRule = (p, spec, path, checkParam) => {
  checkSource(p, spec.source, [...path, 'source']);
  // Argo's validation requires an operation although its documented default is submit;
  // Eventide accepts an absent one as submit.
  const op = oneOf(
    p,
    spec.operation,
    [...path, 'operation'],
    ['submit', 'submit-from', 'resubmit', 'retry', 'resume', 'suspend', 'terminate', 'stop', ''],
  );
  if (op === 'resubmit' || op === 'retry')
    p.add(
      [...path, 'operation'],
      `operation ${op} needs the Argo CLI (the Argo Server), which Eventide does not run: not supported`,
    );
  checkStrings(p, spec.args, [...path, 'args']);
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
