// The `http` trigger type (Argo's): one HTTP request per fire.
import { defineTriggerType } from '../trigger-type.js';
import { validateHttp } from './rules.js';

export const httpTriggerType = defineTriggerType({
  type: 'http',
  validate: validateHttp,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).httpTrigger(req),
});
