// The `openWhisk` trigger type (Argo's): invokes an Apache OpenWhisk action.
import { defineTriggerType } from '../trigger-type.js';
import { validateOpenWhisk } from './rules.js';
import { openWhiskTrigger } from './execute.js';

export const openWhiskTriggerType = defineTriggerType({
  type: 'openWhisk',
  validate: validateOpenWhisk,
  execute: (req) => openWhiskTrigger(req),
});
