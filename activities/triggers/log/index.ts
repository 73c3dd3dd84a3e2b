// The `log` trigger type (Argo's): prints the events that fired it.
import { defineTriggerType } from '../trigger-type.js';
import { logTrigger } from './execute.js';

export const logTriggerType = defineTriggerType({ type: 'log', execute: (req) => logTrigger(req) });
