// The `log` trigger type (Argo's): prints the events that fired it.
import { defineTriggerType } from '../trigger-type.js';
import { validateLog } from './rules.js';
import { logTrigger } from './execute.js';

export const logTriggerType = defineTriggerType({
  type: 'log',
  validate: validateLog,
  execute: (req) => logTrigger(req),
});
