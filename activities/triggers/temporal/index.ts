// The `temporal` trigger type (Eventide's): starts or signals a Temporal workflow.
import { defineTriggerType } from '../trigger-type.js';
import { validateTemporal } from './rules.js';

export const temporalTriggerType = defineTriggerType({
  type: 'temporal',
  validate: validateTemporal,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).temporalTrigger(req),
});
