// The `email` trigger type (Argo's): mails through an SMTP server.
import { defineTriggerType } from '../trigger-type.js';
import { validateEmail } from './rules.js';
import { emailTrigger } from './execute.js';

export const emailTriggerType = defineTriggerType({
  type: 'email',
  validate: validateEmail,
  execute: (req) => emailTrigger(req),
});
