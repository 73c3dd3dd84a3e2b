// The `slack` trigger type (Argo's): posts with chat.postMessage.
import { defineTriggerType } from '../trigger-type.js';
import { slackTrigger } from './execute.js';

export const slackTriggerType = defineTriggerType({ type: 'slack', execute: (req) => slackTrigger(req) });
