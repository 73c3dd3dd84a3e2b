// The `http` trigger type (Argo's): one HTTP request per fire.
import { defineTriggerType } from '../trigger-type.js';
import { validateHttp } from './rules.js';
import { httpTrigger } from './execute.js';

export const httpTriggerType = defineTriggerType({
  type: 'http',
  validate: validateHttp,
  execute: (req) => httpTrigger(req),
});
