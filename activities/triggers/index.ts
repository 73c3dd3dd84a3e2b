// Every trigger type with an implementation, by its key in a trigger template.
import type { TriggerImpl } from '../trigger-context.js';
import { httpTrigger } from './http-trigger.js';
import { logTrigger } from './log-trigger.js';
import { temporalTrigger } from './temporal-trigger.js';

export const TRIGGER_IMPLEMENTATIONS: Record<string, TriggerImpl> = {
  log: logTrigger,
  http: httpTrigger,
  temporal: temporalTrigger,
};
