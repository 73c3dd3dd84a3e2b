// The `temporal` trigger type (Eventide's): starts or signals a Temporal workflow.
import { defineTriggerType } from '../trigger-type.js';
import { temporalTrigger } from './execute.js';

export const temporalTriggerType = defineTriggerType({
  type: 'temporal',
  execute: (req) => temporalTrigger(req),
});
