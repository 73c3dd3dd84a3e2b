// The `slack` trigger type (Argo's): posts with chat.postMessage.
import { defineTriggerType } from '../trigger-type.js';
import { validateSlack } from './rules.js';
import { slackTrigger } from './execute.js';

export const slackTriggerType = defineTriggerType({
  type: 'slack',
  validate: validateSlack,
  execute: (req) => slackTrigger(req),
});
