// The `openWhisk` trigger type (Argo's): invokes an Apache OpenWhisk action.
import { defineTriggerType } from '../trigger-type.js';
import { validateOpenWhisk } from './rules.js';

export const openWhiskTriggerType = defineTriggerType({
  type: 'openWhisk',
  validate: validateOpenWhisk,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).openWhiskTrigger(req),
});
