// The `temporal` trigger type (Eventide's): starts or signals a Temporal workflow.
import { defineTriggerType } from '../trigger-type.js';
import { validateTemporal } from './rules.js';
import { temporalTrigger } from './execute.js';

export const temporalTriggerType = defineTriggerType({
  type: 'temporal',
  validate: validateTemporal,
  execute: (req) => temporalTrigger(req),
});
