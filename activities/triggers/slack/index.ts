// The `slack` trigger type (Argo's): posts with chat.postMessage.
import { defineTriggerType } from '../trigger-type.js';
import { validateSlack } from './rules.js';

export const slackTriggerType = defineTriggerType({
  type: 'slack',
  validate: validateSlack,
  // Loaded at the first fire: `eventide validate` reads only the rules.
  execute: async (req) => (await import('./execute.js')).slackTrigger(req),
});
