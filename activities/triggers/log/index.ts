// The `log` trigger type (Argo's): prints the events that fired it.
import { defineTriggerType } from '../trigger-type.js';
import { validateLog } from './rules.js';

export const logTriggerType = defineTriggerType({
  type: 'log',
  validate: validateLog,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).logTrigger(req),
});
