// The `azureServiceBus` trigger type (Argo's): one message per fire on a sender kept per
// (connection-string reference, queue or topic), closed on worker shutdown.
import { defineTriggerType } from '../trigger-type.js';
import { validateAzureServiceBus } from './rules.js';
import {
  azureServiceBusTrigger,
  closeServiceBusSender,
  openServiceBusSender,
  serviceBusSenderKey,
  type BusSender,
} from './execute.js';

export const azureServiceBusTriggerType = defineTriggerType<BusSender>({
  type: 'azureServiceBus',
  validate: validateAzureServiceBus,
  connection: { key: serviceBusSenderKey, open: openServiceBusSender, close: closeServiceBusSender },
  execute: azureServiceBusTrigger,
});
