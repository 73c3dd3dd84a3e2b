// The `email` trigger type (Argo's): mails through an SMTP server.
import { defineTriggerType } from '../trigger-type.js';
import { validateEmail } from './rules.js';

export const emailTriggerType = defineTriggerType({
  type: 'email',
  validate: validateEmail,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).emailTrigger(req),
});
