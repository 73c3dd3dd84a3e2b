// Validation of the `slack` trigger type's block in a trigger template.
import type { TriggerRule } from '../trigger-rules.js';
import { checkParams, checkSecretRef } from '../trigger-rules.js';
import { boolAt, objectAt, stringAt } from '../../../src/vocabulary/shape-checks.js';

export const validateSlack: TriggerRule = (p, spec, path, checkParam) => {
  checkSecretRef(p, spec.slackToken, [...path, 'slackToken'], true);
  for (const field of ['channel', 'message', 'attachments', 'blocks'] as const)
    stringAt(p, spec[field], [...path, field], false);
  const thread = objectAt(p, spec.thread, [...path, 'thread'], false);
  if (thread) {
    stringAt(p, thread.messageAggregationKey, [...path, 'thread', 'messageAggregationKey'], false);
    boolAt(p, thread.broadcastMessageToChannel, [...path, 'thread', 'broadcastMessageToChannel']);
  }
  const sender = objectAt(p, spec.sender, [...path, 'sender'], false);
  if (sender) {
    stringAt(p, sender.username, [...path, 'sender', 'username'], false);
    stringAt(p, sender.icon, [...path, 'sender', 'icon'], false);
  }
  checkParams(p, spec.parameters, [...path, 'parameters'], checkParam);
};
